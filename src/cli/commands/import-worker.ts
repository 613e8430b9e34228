import { parentPort, workerData } from 'node:worker_threads';
import { importWordpress, type ImportProgress } from '../../import/wordpress/import.ts';
import { WxrError } from '../../import/wxr/types.ts';
import { withSite } from '../context.ts';

/**
 * `samizdat import wxr` runs the import in this worker thread, whose heap the command caps (see
 * import.ts): the importer keeps little alive, and the cap makes V8 collect before it grows far past
 * that, instead of sizing the heap by the machine's memory.
 */

export interface ImportJob {
  file: string;
  mediaDir: string | undefined;
  dryRun: boolean;
  /** Send progress at all (stderr is a terminal), at most every PROGRESS_MS. */
  progress: boolean;
}

export type ImportMessage =
  | { kind: 'progress'; progress: ImportProgress }
  | { kind: 'report'; report: unknown }
  | { kind: 'refused'; message: string };

const PROGRESS_MS = 100;

const job = workerData as ImportJob;
const send = (message: ImportMessage) => parentPort!.postMessage(message);
let sent = 0;

try {
  const report = await withSite((site) =>
    importWordpress(
      {
        storage: site.core.storage,
        formatter: site.core.formatter,
        images: site.images,
        clock: site.core.clock,
        secret: site.secret,
      },
      {
        file: job.file,
        mediaDir: job.mediaDir,
        dryRun: job.dryRun,
        onProgress: (progress) => {
          const now = performance.now();
          if (!job.progress || now - sent < PROGRESS_MS) return;
          sent = now;
          send({ kind: 'progress', progress });
        },
      },
    ),
  );
  send({ kind: 'report', report });
} catch (error) {
  if (!(error instanceof WxrError)) throw error;
  send({ kind: 'refused', message: error.message });
}
