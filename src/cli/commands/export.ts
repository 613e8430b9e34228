import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { siteUrl } from '../../config/load.ts';
import {
  describeCounts,
  type ExportCounts,
  type ExportDeps,
  type ExportFormat,
} from '../../export/export.ts';
import { exportJson } from '../../export/json-export.ts';
import { type ExportOutput, fileOutput, streamOutput } from '../../export/output.ts';
import { exportWxr } from '../../export/wxr-export.ts';
import { withSite } from '../context.ts';
import { CliError } from '../errors.ts';

const WRITERS: Record<ExportFormat, (deps: ExportDeps, out: ExportOutput) => Promise<ExportCounts>> = {
  wxr: exportWxr,
  json: exportJson,
};

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ENOSPC: 'the disk is full',
  EPIPE: 'the reader went away',
};

/** A file-system failure (from the output, not the database) as the one line the writer can act on. */
function cannotWrite(file: string, error: unknown): CliError | undefined {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.syscall !== 'string') return undefined;
  const where = file === '-' ? 'standard output' : file;
  const code = e.code ?? '';
  const why = code === 'ENOENT' ? `no such folder: ${dirname(resolve(file))}` : (REASONS[code] ?? code);
  return new CliError(`${where}: cannot write (${why || e.message})`);
}

async function runExport(format: ExportFormat, file: string): Promise<void> {
  await withSite(async (site) => {
    const deps: ExportDeps = {
      storage: site.core.storage,
      baseUrl: siteUrl(site.config),
      now: site.core.clock.now(),
    };
    const out = file === '-' ? streamOutput(process.stdout) : fileOutput(resolve(file));
    let counts: ExportCounts;
    try {
      counts = await WRITERS[format](deps, out);
    } catch (error) {
      throw cannotWrite(file, error) ?? error;
    }
    // Standard output may be the file itself; the summary goes to stderr, and only for a real file.
    if (file !== '-') console.error(`exported ${describeCounts(counts, format)} to ${file}`);
  });
}

export function exportCommand(program: Command): void {
  const command = program
    .command('export')
    .description('write the whole site to one file: WXR for WordPress, or JSON');
  command
    .command('wxr')
    .description(
      "write a WordPress export (WXR 1.2) that WordPress's importer (Tools > Import > WordPress) and " +
        '"samizdat import wxr" read: posts and pages of every status, comments with their threads, ' +
        'categories, tags, authors, and featured images and media as attachments with their URLs. ' +
        "Commenters' IP addresses are not in it: the site never kept them.",
    )
    .argument('<file>', 'where to write it (written to FILE.tmp, then renamed); - for standard output')
    .action((file: string) => runExport('wxr', file));
  command
    .command('json')
    .description(
      'write everything as one JSON document: settings (not the site secret), staff (without password ' +
        'hashes), categories and tags, media records, posts and pages of every status with their ' +
        'source, format and HTML, comments of every status (without the IP hash, meaningless elsewhere), ' +
        'and old URLs',
    )
    .argument('<file>', 'where to write it (written to FILE.tmp, then renamed); - for standard output')
    .action((file: string) => runExport('json', file));
}
