/**
 * Everything the site writes under DATA_DIR (the SQLite database and its -wal and -shm files, media,
 * the mail folder) holds readers' data or the site's secret, so it is created readable and writable
 * by its owner only: files 0600, folders 0700. Called once, first thing, by the program's entry.
 */
export function createFilesOwnerOnly(): void {
  process.umask(0o077);
}
