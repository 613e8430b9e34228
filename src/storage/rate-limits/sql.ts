import { sql } from 'kysely';
import type { RateLimiter } from '../../core/ports/rate-limiter.ts';
import { readCount, readDate, sqlDialect } from '../dialect.ts';
import type { SqlStorage } from '../index.ts';

/** One hit in this many also clears every expired hit of every key (each key clears its own always). */
const PRUNE_EVERY = 256;

/**
 * Rate limits counted in the database, so every instance on it counts the same hits (docs/adr/0017).
 * Each attempt is a row; a key's hits are counted and its new one written in one transaction, under
 * a lock on the key (PostgreSQL's advisory lock; SQLite's one writer), so two instances answering the
 * same address at the same moment cannot both take the last place.
 */
export function sqlRateLimiter(storage: SqlStorage): RateLimiter {
  const d = sqlDialect(storage.dialect);
  return {
    async hit(key, limit, windowSeconds, now) {
      const t = now.getTime();
      const windowMs = windowSeconds * 1000;
      return storage.db.transaction().execute(async (tx) => {
        if (d.name === 'postgres')
          await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(tx);
        await tx
          .deleteFrom('rate_limit_hits')
          .where('key', '=', key)
          .where('at', '<=', d.date(new Date(t - windowMs)))
          .execute();
        if (Math.random() * PRUNE_EVERY < 1)
          await tx.deleteFrom('rate_limit_hits').where('expires_at', '<=', d.date(now)).execute();
        const seen = await tx
          .selectFrom('rate_limit_hits')
          .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('at').as('oldest')])
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (readCount(seen.n) >= limit && seen.oldest !== null) {
          const oldest = readDate(seen.oldest).getTime();
          return {
            allowed: false as const,
            retryAfter: Math.max(1, Math.ceil((oldest + windowMs - t) / 1000)),
          };
        }
        await tx
          .insertInto('rate_limit_hits')
          .values({ key, at: d.date(now), expires_at: d.date(new Date(t + windowMs)) })
          .execute();
        return { allowed: true as const };
      });
    },
  };
}
