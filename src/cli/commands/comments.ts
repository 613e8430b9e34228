import type { Command } from 'commander';
import { COMMENT_STATUSES, type CommentStatus } from '../../core/comments/comment.ts';
import { moderateComment, type ModerationAction } from '../../core/comments/moderation.ts';
import { withSite } from '../context.ts';
import { CliError, failureLine } from '../errors.ts';

function ids(values: string[]): number[] {
  return values.map((v) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n <= 0) throw new CliError(`"${v}" is not a comment id`);
    return n;
  });
}

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export function commentsCommand(program: Command): void {
  const comments = program.command('comments').description('moderate the discussion');
  comments
    .command('list')
    .description('list comments, newest first (default: those awaiting moderation)')
    .option('--status <status>', `${COMMENT_STATUSES.join('|')}|all`, 'pending')
    .option('--post <id>', 'only comments on this post')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { status: string; post?: string; limit: string; json?: boolean }) => {
      if (opts.status !== 'all' && !(COMMENT_STATUSES as readonly string[]).includes(opts.status)) {
        throw new CliError(`--status must be one of ${COMMENT_STATUSES.join(', ')}, all`);
      }
      const limit = Number(opts.limit);
      if (!Number.isSafeInteger(limit) || limit < 1) throw new CliError('--limit must be a positive number');
      await withSite(async (site) => {
        const page = await site.core.storage.comments.list({
          statuses: opts.status === 'all' ? undefined : [opts.status as CommentStatus],
          postId: opts.post ? ids([opts.post])[0] : undefined,
          limit,
          offset: 0,
        });
        if (opts.json) return console.log(JSON.stringify(page, null, 2));
        if (page.items.length === 0)
          return console.log(`no ${opts.status === 'all' ? '' : `${opts.status} `}comments`);
        for (const c of page.items) {
          const why = c.heldReason ? ` [held: ${c.heldReason}]` : '';
          console.log(
            `#${c.id}  ${c.status}  ${c.createdAt.toISOString()}  on "${oneLine(c.postTitle, 40)}"` +
              `${c.parentId ? ` (reply to #${c.parentId})` : ''}${why}\n` +
              `    ${c.authorName} <${c.authorEmail}>${c.authorUrl ? ` ${c.authorUrl}` : ''}\n` +
              `    ${oneLine(c.source, 160)}`,
          );
        }
        console.log(`${page.items.length} of ${page.total}`);
      });
    });

  const actions: [ModerationAction, string][] = [
    ['approve', 'publish the comments'],
    ['spam', 'mark the comments as spam (hidden)'],
    ['trash', 'move the comments to the trash (hidden, can be restored with approve)'],
    ['delete', 'delete the comments for good (replies move up a level)'],
  ];
  for (const [action, description] of actions) {
    comments
      .command(action)
      .description(description)
      .argument('<ids...>', 'comment ids, as shown by "comments list"')
      .action(async (values: string[]) => {
        const list = ids(values);
        await withSite(async (site) => {
          const failures: string[] = [];
          for (const id of list) {
            const result = await moderateComment(site.core, id, action);
            if (result.ok) console.log(`${action}: #${id}`);
            else failures.push(failureLine(result.error));
          }
          if (failures.length) throw new CliError(failures.join('; '));
        });
      });
  }
}
