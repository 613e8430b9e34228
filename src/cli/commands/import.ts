import { stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { importWordpress, type ImportProgress } from '../../import/wordpress/import.ts';
import { formatReport } from '../../import/wordpress/report.ts';
import { WxrError } from '../../import/wxr/types.ts';
import { withSite } from '../context.ts';
import { CliError } from '../errors.ts';

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
      await withSite(async (site) => {
        const progress = progressLine(process.stderr);
        let report;
        try {
          report = await importWordpress(
            {
              storage: site.core.storage,
              formatter: site.core.formatter,
              images: site.images,
              clock: site.core.clock,
              secret: site.secret,
            },
            { file, mediaDir: opts.media, dryRun: opts.dryRun, onProgress: progress.update },
          );
        } catch (error) {
          if (error instanceof WxrError) throw new CliError(`${file}: ${error.message}`);
          throw error;
        } finally {
          progress.clear();
        }
        console.log(opts.json ? JSON.stringify(report, null, 2) : formatReport(report));
      });
    });
}
