#!/usr/bin/env node
// Node 22.18+ runs the TypeScript sources directly (type stripping); there is no build step.
import { createFilesOwnerOnly } from '../src/boot/files.ts';
import { main } from '../src/cli/main.ts';

createFilesOwnerOnly();
const code = await main(process.argv.slice(2));
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
