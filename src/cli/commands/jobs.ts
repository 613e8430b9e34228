import type { Command } from 'commander';
import { JOB_STATUSES, type Job, type JobStatus } from '../../core/ports/jobs.ts';
import { withSite } from '../context.ts';
import { CliError } from '../errors.ts';

function ids(values: string[]): number[] {
  return values.map((v) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n <= 0) throw new CliError(`"${v}" is not a job id`);
    return n;
  });
}

function line(job: Job): string {
  const when =
    job.status === 'running'
      ? `leased to ${job.lockedBy} until ${job.lockedUntil?.toISOString()}`
      : job.status === 'pending'
        ? `due ${job.runAt.toISOString()}`
        : `${job.status} ${job.updatedAt.toISOString()}`;
  const every = job.everyMs ? `, every ${job.everyMs / 1000} s` : '';
  const error = job.lastError ? `\n    last error: ${job.lastError.replace(/\s+/g, ' ')}` : '';
  return `#${job.id}  ${job.status}  ${job.type}  attempts ${job.attempts}/${job.maxAttempts}${every}  ${when}${error}`;
}

export function jobsCommand(program: Command): void {
  const jobs = program
    .command('jobs')
    .description('see and steer the background jobs (mail, scheduled posts)');
  jobs
    .command('list')
    .description('list jobs, newest first, with their attempts and last error')
    .option('--status <status>', `${JOB_STATUSES.join('|')}|all`, 'all')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (opts: { status: string; limit: string; json?: boolean }) => {
      if (opts.status !== 'all' && !(JOB_STATUSES as readonly string[]).includes(opts.status))
        throw new CliError(`--status must be one of ${JOB_STATUSES.join(', ')}, all`);
      const limit = Number(opts.limit);
      if (!Number.isSafeInteger(limit) || limit < 1) throw new CliError('--limit must be a positive number');
      await withSite(async (site) => {
        const list = await site.core.storage.jobs.list({
          statuses: opts.status === 'all' ? undefined : [opts.status as JobStatus],
          limit,
        });
        if (opts.json) return console.log(JSON.stringify(list, null, 2));
        if (list.length === 0) return console.log(`no ${opts.status === 'all' ? '' : `${opts.status} `}jobs`);
        for (const job of list) console.log(line(job));
      });
    });

  const actions = [
    ['retry', 'run failed jobs again now, with a fresh count of attempts'],
    ['discard', 'remove jobs that are not running (a failed message that should not be sent)'],
  ] as const;
  for (const [action, description] of actions) {
    jobs
      .command(action)
      .description(description)
      .argument('<ids...>', 'job ids, as shown by "jobs list"')
      .action(async (values: string[]) => {
        const list = ids(values);
        await withSite(async (site) => {
          const refused: number[] = [];
          for (const id of list) {
            const done =
              action === 'retry'
                ? await site.core.storage.jobs.retry(id, site.core.clock.now())
                : await site.core.storage.jobs.discard(id);
            if (done) console.log(`${action}: #${id}`);
            else refused.push(id);
          }
          if (refused.length)
            throw new CliError(
              `no ${action === 'retry' ? 'failed or pending' : 'stopped'} job with id ${refused.map((m) => `#${m}`).join(', ')}`,
            );
        });
      });
  }
}
