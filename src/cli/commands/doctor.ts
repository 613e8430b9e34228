import { access, constants, mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import { mailFolder } from '../../boot/site.ts';
import { loadConfig, mailFrom, siteUrl } from '../../config/load.ts';
import { migrateToLatest, openStorage } from '../../storage/index.ts';
import { CliError } from '../errors.ts';

export function doctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, the data folder and the database, and say what is wrong')
    .action(async () => {
      const problems: string[] = [];
      const say = (ok: boolean, line: string) => {
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
        if (!ok) problems.push(line);
      };
      const [major, minor] = process.versions.node.split('.').map(Number);
      say(
        major! > 22 || (major === 22 && minor! >= 18),
        `Node.js ${process.versions.node} (needs 22.18 or newer; 24 LTS recommended)`,
      );
      const config = loadConfig();
      say(
        true,
        `site URL ${siteUrl(config)}${config.SITE_URL ? '' : ' (SITE_URL unset: links use the listening address)'}`,
      );
      try {
        await mkdir(config.DATA_DIR, { recursive: true });
        await access(config.DATA_DIR, constants.W_OK);
        say(true, `data folder ${config.DATA_DIR} is writable`);
      } catch {
        say(false, `data folder ${config.DATA_DIR} is not writable`);
      }
      try {
        const storage = await openStorage({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
        try {
          const ran = await migrateToLatest(storage);
          say(
            true,
            `${storage.dialect} database reachable; ${ran.length ? `applied ${ran.length} migration(s)` : 'schema up to date'}`,
          );
          say(true, `${await storage.posts.count()} posts, ${await storage.comments.count()} comments`);
          const failed = await storage.jobs.list({ statuses: ['failed'], limit: 1000 });
          if (failed.length)
            console.log(`WARN ${failed.length} failed job(s): see "samizdat jobs list --status failed"`);
        } finally {
          await storage.close();
        }
      } catch (e) {
        say(false, `database: ${(e as Error).message}`);
      }
      if (config.SMTP_URL) say(true, `mail goes out over SMTP as ${mailFrom(config)}`);
      else
        console.log(
          `WARN no SMTP_URL: mail (password resets, notifications) is only written to ${mailFolder(config)}/ ` +
            'as .eml files and nobody receives it; set SMTP_URL to send it',
        );
      if (problems.length) throw new CliError(`${problems.length} problem(s) found`);
    });
}
