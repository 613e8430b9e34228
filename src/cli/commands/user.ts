import type { Command } from 'commander';
import { addUser } from '../../core/users/add-user.ts';
import { ROLES } from '../../core/users/user.ts';
import { withSite } from '../context.ts';
import { cliFailure } from '../errors.ts';

export function userCommand(program: Command): void {
  const user = program.command('user').description('manage the staff who write and moderate');
  user
    .command('add')
    .description('add an author')
    .argument('<login>', 'short name used in URLs (/author/LOGIN/) and in post front matter')
    .requiredOption('--email <email>', 'their email (never shown to readers)')
    .option('--name <name>', 'name shown on their posts', '')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, 'author')
    .option('--bio <text>', 'a line about them for their author page', '')
    .action(async (login: string, opts: { email: string; name: string; role: string; bio: string }) => {
      await withSite(async (site) => {
        const result = await addUser(site.core, {
          login,
          email: opts.email,
          displayName: opts.name,
          role: opts.role,
          bio: opts.bio,
        });
        if (!result.ok) throw cliFailure(result.error);
        console.log(`added ${result.value.role} ${result.value.login} (#${result.value.id})`);
      });
    });
  user
    .command('list')
    .description('list the staff')
    .action(async () => {
      await withSite(async (site) => {
        for (const u of await site.core.storage.users.list())
          console.log(`${u.id}\t${u.login}\t${u.role}\t${u.displayName}`);
      });
    });
}
