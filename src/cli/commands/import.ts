import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { ImportProgress } from '../../import/wordpress/import.ts';
import { formatReport, type ImportReport } from '../../import/wordpress/report.ts';
import { CliError } from '../errors.ts';
import type { ImportJob, ImportMessage } from './import-worker.ts';

async function requireFile(path: string, kind: 'file' | 'folder'): Promise<void> {
  const found = await stat(path).catch(() => undefined);
  if (!found) throw new CliError(`${path}: no such ${kind}`);
  if (kind === 'file' ? !found.isFile() : !found.isDirectory()) throw new CliError(`${path}: not a ${kind}`);
}

const PHASES: Record<ImportProgress['phase'], string> = {
  reading: '1/3 reading',
  media: '2/3 media',
  importing: '3/3 importing',
};

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '…';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * A progress line redrawn in place on a terminal: items per second, and the time left from the
 * share of the file read (or of the attachments stored) so far. Nothing when stderr is not a terminal.
 */
export function progressLine(stream: NodeJS.WriteStream): {
  update(p: ImportProgress): void;
  clear(): void;
} {
  let phase = '';
  let since = performance.now();
  let drawn = 0;
  return {
    update(p) {
      if (!stream.isTTY) return;
      const now = performance.now();
      if (p.phase !== phase) [phase, since] = [p.phase, now];
      if (now - drawn < 100) return;
      drawn = now;
      const elapsed = (now - since) / 1000;
      const share = p.phase === 'media' ? p.items / (p.totalItems || 1) : p.bytes / (p.totalBytes || 1);
      const left = share > 0 ? (elapsed / share) * (1 - share) : Infinity;
      const rate = elapsed > 0 ? Math.round(p.items / elapsed) : 0;
      const of = p.totalItems === undefined ? '' : ` of ${p.totalItems}`;
      stream.write(
        `\r\x1b[K${PHASES[p.phase]} ${Math.floor(share * 100)}% · ${p.items}${of} items · ${rate} items/s · ${duration(left)} left`,
      );
    },
    clear() {
      if (stream.isTTY && drawn > 0) stream.write('\r\x1b[K');
    },
  };
}

export function importCommand(program: Command): void {
  const imports = program.command('import').description('bring content in from another platform');
  imports
    .command('wxr')
    .description(
      'import a WordPress export (WXR): posts, pages, comments with their threads, authors, categories, ' +
        'tags and media; old addresses redirect to the new ones; running it again adds only what is new',
    )
    .argument('<file>', 'the export file (Tools → Export in WordPress)')
    .option(
      '--media <dir>',
      'a copy of wp-content/uploads: attachments found there go into the media library',
    )
    .option('--dry-run', 'read and convert everything, write nothing, print the same report')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { media?: string; dryRun?: boolean; json?: boolean }) => {
      await requireFile(file, 'file');
      if (opts.media !== undefined) await requireFile(opts.media, 'folder');
      const progress = progressLine(process.stderr);
      let report: ImportReport;
      try {
        report = await runImport(
          { file, mediaDir: opts.media, dryRun: opts.dryRun ?? false, progress: !!process.stderr.isTTY },
          progress.update,
        );
      } finally {
        progress.clear();
      }
      console.log(opts.json ? JSON.stringify(report, null, 2) : formatReport(report));
    });
}

/**
 * The heap the import's worker may use. What the importer holds at once is small (tens of MB on
 * the 500,000-comment benchmark); without a cap V8 sizes its heap by the machine's memory and lets
 * garbage pile up to several times that before collecting (about 400 MB resident on the benchmark).
 * The young generation must hold a batch while it is converted and written (16 MB semi-spaces): with
 * less, every batch outlives two scavenges, is copied into the old generation and dies there, and
 * collection took a third of the import's time.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 48 };

/** Runs the import in a worker thread with a capped heap (import-worker.ts). */
async function runImport(job: ImportJob, onProgress: (p: ImportProgress) => void): Promise<ImportReport> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
    workerData: job,
    resourceLimits: WORKER_LIMITS,
  });
  let report: ImportReport | undefined;
  let refused: string | undefined;
  worker.on('message', (message: ImportMessage) => {
    if (message.kind === 'progress') return onProgress(message.progress);
    if (message.kind === 'report') report = message.report as ImportReport;
    else refused = message.message;
    // Done: the site is closed; a timer the site's wiring left behind must not keep the thread up.
    void worker.terminate();
  });
  const failure = once(worker, 'error').then(([error]) => Promise.reject(error as Error));
  const [code] = (await Promise.race([once(worker, 'exit'), failure])) as [number];
  if (refused !== undefined) throw new CliError(`${job.file}: ${refused}`);
  if (!report) throw new Error(`the import stopped (worker exit code ${code})`);
  return report;
}
