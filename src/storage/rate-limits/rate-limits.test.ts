import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../core/ports/rate-limiter.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { redisAvailability, TEST_REDIS_URL } from '../../../test/support/redis.ts';
import { sharedDatabase, type SharedDatabase } from '../../../test/support/storage.ts';
import { redisRateLimiter, type RedisRateLimiter } from './redis.ts';
import { sqlRateLimiter } from './sql.ts';

const pg = await postgresAvailability();
const redis = await redisAvailability();

type Where = 'sqlite' | 'postgres' | 'redis';

/**
 * Two instances of the site, each with its own limiter, count one address's attempts together:
 * behind a balancer a reader gets the limit once, not once per instance.
 */
describe.each<Where>(['sqlite', 'postgres', 'redis'])('rate limits shared by two instances (%s)', (where) => {
  const skip = (where === 'postgres' && !pg.available) || (where === 'redis' && !redis.available);
  let database: SharedDatabase | undefined;
  let closers: RedisRateLimiter[] = [];
  let instances: [RateLimiter, RateLimiter];

  beforeAll(async () => {
    if (skip) return;
    if (where === 'redis') {
      const prefix = `samizdat-test:${randomUUID()}`;
      closers = [redisRateLimiter(TEST_REDIS_URL, prefix), redisRateLimiter(TEST_REDIS_URL, prefix)];
      instances = [closers[0]!, closers[1]!];
    } else {
      database = await sharedDatabase(where);
      instances = [sqlRateLimiter(await database.open()), sqlRateLimiter(await database.open())];
    }
  });
  afterAll(async () => {
    for (const limiter of closers) await limiter.close();
    await database?.close();
  });

  const at = (seconds: number) => new Date(Date.UTC(2026, 2, 1, 12, 0, seconds));

  it.skipIf(skip)('allows the limit across both, then says how long to wait, then allows again', async () => {
    const key = `comment:${randomUUID()}`;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await instances[i % 2]!.hit(key, 3, 60, at(i * 10)));
    expect(answers.map((a) => a.allowed)).toEqual([true, true, true, false]);
    // The oldest hit (at 0 s) leaves the window at 60 s; asked at 30 s, that is 30 s away.
    expect(answers[3]).toEqual({ allowed: false, retryAfter: 30 });
    expect((await instances[0].hit(key, 3, 60, at(61))).allowed).toBe(true);
    expect((await instances[1].hit(`comment:${randomUUID()}`, 3, 60, at(30))).allowed).toBe(true);
  });

  it.skipIf(skip)('lets exactly the limit through when both are asked at the same moment', async () => {
    const key = `comment:${randomUUID()}`;
    // SQLite serves one instance (a second process on the file waits for the lock, which two
    // connections in this one process cannot do for each other): its concurrency is within one.
    const pair = where === 'sqlite' ? [instances[0], instances[0]] : instances;
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => pair[i % 2]!.hit(key, 5, 60, at(0))),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(5);
  });
});
