import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.ts';
import { backupCommands } from './commands/backup.ts';
import { commentsCommand } from './commands/comments.ts';
import { doctorCommand } from './commands/doctor.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { jobsCommand } from './commands/jobs.ts';
import { migrateCommand } from './commands/migrate.ts';
import { postCommand } from './commands/post.ts';
import { serveCommand } from './commands/serve.ts';
import { userCommand } from './commands/user.ts';
import { CliError } from './errors.ts';

export function buildProgram(): Command {
  const program = new Command('samizdat')
    .description('Samizdat: self-hosted publishing with a first-class discussion under every post')
    .showHelpAfterError()
    .exitOverride();
  for (const register of [
    serveCommand,
    migrateCommand,
    userCommand,
    postCommand,
    commentsCommand,
    importCommand,
    exportCommand,
    backupCommands,
    jobsCommand,
    doctorCommand,
  ]) {
    register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError || error instanceof ConfigError) {
      console.error(`samizdat: ${error.message}`);
      return 1;
    }
    console.error(error);
    return 1;
  }
}
