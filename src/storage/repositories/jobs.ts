import type { Kysely, Selectable } from 'kysely';
import { DEFAULT_MAX_ATTEMPTS, type Job, type JobRepository, type JobStatus } from '../../core/ports/jobs.ts';
import { readDate, type SqlDialect } from '../dialect.ts';
import type { Database, JobsTable } from '../schema.ts';

function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    type: row.type,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    key: row.key,
    status: row.status as JobStatus,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    everyMs: row.every_ms,
    runAt: readDate(row.run_at),
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until === null ? null : readDate(row.locked_until),
    lastError: row.last_error,
    createdAt: readDate(row.created_at),
    updatedAt: readDate(row.updated_at),
  };
}

/** Long errors (a stack, an SMTP transcript) are cut: the table is for people to read. */
const errorText = (error: string) => (error.length > 2000 ? `${error.slice(0, 1999)}…` : error);

export function jobRepository(db: Kysely<Database>, d: SqlDialect): JobRepository {
  return {
    async enqueue(job, now) {
      const row = await db
        .insertInto('jobs')
        .values({
          type: job.type,
          payload: JSON.stringify(job.payload),
          key: job.key ?? null,
          status: 'pending',
          attempts: 0,
          max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          every_ms: job.everyMs ?? null,
          run_at: d.date(job.runAt ?? now),
          created_at: d.date(now),
          updated_at: d.date(now),
        })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async claim(worker, now, leaseMs, limit) {
      const at = d.date(now);
      const expired = db
        .updateTable('jobs')
        .where('status', '=', 'running')
        .where('locked_until', '<', at)
        .whereRef('attempts', '>=', 'max_attempts');
      // A job whose worker died on its last attempt is not run again: it may be what kills workers.
      await expired
        .where('every_ms', 'is', null)
        .set({
          status: 'failed',
          last_error: 'its worker stopped during the last attempt (the lease ran out)',
          locked_by: null,
          locked_until: null,
          updated_at: at,
        })
        .execute();
      await expired
        .where('every_ms', 'is not', null)
        .set({ status: 'pending', attempts: 0, locked_by: null, locked_until: null, updated_at: at })
        .execute();

      const due = db
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', at)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', at)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit)
        // SQLite has one writer at a time (BEGIN IMMEDIATE), so the statement alone is enough there.
        .$if(d.name === 'postgres', (qb) => qb.forUpdate().skipLocked());
      const rows = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          attempts: eb('attempts', '+', 1),
          locked_by: worker,
          locked_until: d.date(new Date(now.getTime() + leaseMs)),
          updated_at: at,
        }))
        .where('id', 'in', due)
        .returningAll()
        .execute();
      return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id - b.id);
    },

    async complete({ id, everyMs }, worker, now) {
      const result = await db
        .updateTable('jobs')
        .set(
          everyMs === null
            ? { status: 'done', last_error: null }
            : { status: 'pending', attempts: 0, run_at: d.date(new Date(now.getTime() + everyMs)) },
        )
        .set({ locked_by: null, locked_until: null, updated_at: d.date(now) })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('locked_by', '=', worker)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async fail({ id, everyMs }, worker, error, retryAt, now) {
      const next = retryAt ?? (everyMs === null ? null : new Date(now.getTime() + everyMs));
      const result = await db
        .updateTable('jobs')
        .set(
          next === null
            ? { status: 'failed' }
            : { status: 'pending', run_at: d.date(next), ...(retryAt ? {} : { attempts: 0 }) },
        )
        .set({ last_error: errorText(error), locked_by: null, locked_until: null, updated_at: d.date(now) })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .where('locked_by', '=', worker)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async list(query) {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .$if(query.statuses !== undefined, (qb) => qb.where('status', 'in', query.statuses!))
        .orderBy('id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map(toJob);
    },

    async findById(id) {
      const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toJob(row);
    },

    async retry(id, now) {
      const result = await db
        .updateTable('jobs')
        .set({ status: 'pending', attempts: 0, run_at: d.date(now), updated_at: d.date(now) })
        .where('id', '=', id)
        .where('status', 'in', ['failed', 'pending'])
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async discard(id) {
      const result = await db
        .deleteFrom('jobs')
        .where('id', '=', id)
        .where('status', '!=', 'running')
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async pruneDone(before, limit) {
      // Through a subquery: neither dialect has DELETE … LIMIT everywhere.
      const result = await db
        .deleteFrom('jobs')
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('jobs')
            .select('id')
            .where('status', '=', 'done')
            .where('updated_at', '<', d.date(before))
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
