import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.ts';
import { CliError } from './errors.ts';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when it is the one run: a command's module pulls in what it
 * needs (the web server, the importer, mail), and loading every graph for every run costs start-up
 * time and about 60 MB of memory, which `import wxr` needs for the import itself. In help order.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  migrate: async () => (await import('./commands/migrate.ts')).migrateCommand,
  user: async () => (await import('./commands/user.ts')).userCommand,
  post: async () => (await import('./commands/post.ts')).postCommand,
  comments: async () => (await import('./commands/comments.ts')).commentsCommand,
  import: async () => (await import('./commands/import.ts')).importCommand,
  export: async () => (await import('./commands/export.ts')).exportCommand,
  backup: async () => (await import('./commands/backup.ts')).backupCommands,
  restore: async () => (await import('./commands/backup.ts')).backupCommands,
  jobs: async () => (await import('./commands/jobs.ts')).jobsCommand,
  doctor: async () => (await import('./commands/doctor.ts')).doctorCommand,
};

/** The program with the command named first in `argv`, or with all of them (help, a typo). */
async function buildProgram(argv: string[]): Promise<Command> {
  const program = new Command('samizdat')
    .description('Samizdat: self-hosted publishing with a first-class discussion under every post')
    .showHelpAfterError()
    .exitOverride();
  const named = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
  // One module may register several commands (backup and restore): each registers once.
  for (const register of new Set(await Promise.all(named.map((name) => COMMANDS[name]!()))))
    register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
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
