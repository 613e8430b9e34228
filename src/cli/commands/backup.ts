import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { describeFiles, describeRows } from '../../backup/format.ts';
import { writeBackup } from '../../backup/backup.ts';
import { restoreBackup } from '../../backup/restore.ts';
import { mediaFolder } from '../../boot/site.ts';
import { loadConfig } from '../../config/load.ts';
import { BackupFailed } from '../../core/ports/dump.ts';
import { openStorage, type SqlStorage } from '../../storage/index.ts';
import { CliError, cliFailure } from '../errors.ts';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ENOSPC: 'the disk is full',
  EEXIST: 'a file of that name is in the way',
};

/** A file-system failure on FILE as one line; anything else is not ours to word. */
function fileProblem(file: string, error: unknown, doing: 'write' | 'read'): CliError | undefined {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.syscall !== 'string' || e.path === undefined || !resolve(e.path).startsWith(resolve(file)))
    return undefined;
  const code = e.code ?? '';
  const missing = doing === 'write' ? `no such folder: ${dirname(resolve(file))}` : 'no such file';
  const why = code === 'ENOENT' ? missing : (REASONS[code] ?? code);
  return new CliError(`${file}: cannot ${doing} (${why || e.message})`);
}

/**
 * Opens the database without migrating: a backup reads a live site as it is (a newer command must
 * not change the schema under the servers), and a restore brings the schema to the backup's level.
 */
async function withStorage<T>(work: (storage: SqlStorage, media: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    return await work(storage, mediaFolder(config));
  } finally {
    await storage.close();
  }
}

async function runBackup(file: string): Promise<void> {
  if (file === '-' && process.stdout.isTTY)
    throw new CliError('standard output is a terminal: pipe it on (samizdat backup - | age -r KEY > FILE)');
  await withStorage(async (storage, mediaDir) => {
    try {
      const summary = await writeBackup({
        dumps: storage.dumps,
        database: storage.dialect,
        mediaDir,
        to: file === '-' ? { stream: process.stdout } : { file: resolve(file) },
        now: new Date(),
      });
      const rows = describeRows(summary.rows);
      console.error(
        `backed up ${rows ? `${rows}, ` : ''}${describeFiles(summary.files, summary.bytes)} to ${file === '-' ? 'standard output' : file}`,
      );
    } catch (error) {
      if (error instanceof BackupFailed) throw cliFailure(error.failure, { subject: file });
      throw fileProblem(file, error, 'write') ?? error;
    }
  });
}

async function runRestore(file: string): Promise<void> {
  // Before the target is opened (opening a SQLite site creates its file).
  if (file !== '-') {
    await access(resolve(file), constants.R_OK).catch((error: unknown) => {
      throw fileProblem(file, error, 'read') ?? error;
    });
  }
  await withStorage(async (storage, mediaDir) => {
    try {
      const summary = await restoreBackup({
        dumps: storage.dumps,
        mediaDir,
        from: file === '-' ? { stream: process.stdin } : { file: resolve(file) },
      });
      const rows = describeRows(summary.rows);
      console.error(
        `restored ${rows ? `${rows}, ` : ''}${describeFiles(summary.files, summary.bytes)} from ${file === '-' ? 'standard input' : file} ` +
          `(taken ${summary.manifest.createdAt} from ${summary.manifest.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
      );
    } catch (error) {
      if (error instanceof BackupFailed) {
        const onTarget = error.failure.type === 'restore-not-empty';
        throw cliFailure(error.failure, onTarget ? {} : { subject: file });
      }
      throw fileProblem(file, error, 'read') ?? error;
    }
  });
}

export function backupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'write the whole site to one file while it keeps serving: every table (posts, pages, comments of ' +
        'every status, users with their password hashes, settings with the site secret, tags and ' +
        'categories, old URLs, import records, jobs) from one consistent snapshot, and every media file. ' +
        'The file is readable by its owner only: it holds the site secret and password hashes',
    )
    .argument(
      '<file>',
      'where to write it (a .tar.gz; written to FILE.tmp, then renamed); - for standard output, to pipe it into an encryption tool',
    )
    .action(runBackup);
  program
    .command('restore')
    .description(
      'read a backup into an empty site (a new database, SQLite or PostgreSQL, and a DATA_DIR without ' +
        'media): everything or nothing is written; a site on SQLite moves to PostgreSQL this way. Stop ' +
        'every instance of the target site first',
    )
    .argument('<file>', 'a file written by samizdat backup; - for standard input')
    .action(runRestore);
}
