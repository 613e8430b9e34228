#!/usr/bin/env node
// Node 22.18+ runs the TypeScript sources directly (type stripping); there is no build step.
import { enableCompileCache } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

// V8's compiled code, kept between starts in the user's own cache folder, halves the time to load
// the program: a restarted server answers sooner. Where the folder cannot be written, Node goes on without.
enableCompileCache(join(homedir(), '.cache', 'samizdat', 'compile'));

const { createFilesOwnerOnly } = await import('../src/boot/files.ts');
const { main } = await import('../src/cli/main.ts');

createFilesOwnerOnly();
const code = await main(process.argv.slice(2));
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
