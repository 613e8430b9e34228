import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { openSite } from '../../boot/site.ts';
import { ROLES, startRuntime, type Role } from '../../boot/runtime.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the site and run its jobs (runs pending migrations first); configured by PORT, HOST, DATA_DIR, DATABASE_URL, SITE_URL, SMTP_URL, MAIL_FROM, REDIS_URL',
    )
    .addOption(
      new Option(
        '--role <role>',
        'all: the site and the job worker; web: the site only; worker: the jobs only (mail, scheduled posts)',
      )
        .choices(ROLES)
        .default('all'),
    )
    .action(async (opts: { role: Role }) => {
      const site = await openSite(loadConfig());
      const running = await startRuntime(site, { role: opts.role });
      const shutdown = async () => {
        await running.stop();
        await site.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
