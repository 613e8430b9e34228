import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { migrateToLatest, openStorage } from '../../storage/index.ts';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (serve does this too)')
    .action(async () => {
      const config = loadConfig();
      const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
      try {
        const ran = await migrateToLatest(storage);
        console.log(ran.length ? `applied: ${ran.join(', ')}` : 'the database is up to date');
      } finally {
        await storage.close();
      }
    });
}
