import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { openSite } from '../../boot/site.ts';
import { startServer } from '../../boot/serve.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the site (runs pending migrations first); configured by PORT, HOST, DATA_DIR, DATABASE_URL, SITE_URL',
    )
    .action(async () => {
      const site = await openSite(loadConfig());
      const running = await startServer(site);
      const shutdown = async () => {
        await running.stop();
        await site.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
