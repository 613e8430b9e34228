import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import type { RateLimiter } from '../../core/ports/rate-limiter.ts';

/**
 * A sliding window per key in a Redis sorted set (score: the time of each hit), checked and written
 * by one script, so every instance on the same Redis counts the same hits atomically. The key expires
 * with its window, leaving nothing behind.
 */
const SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return -1`;

export interface RedisRateLimiter extends RateLimiter {
  close(): Promise<void>;
}

/** Rate limits in Redis (REDIS_URL): `prefix` keeps one site's keys apart from another's. */
export function redisRateLimiter(url: string, prefix: string): RedisRateLimiter {
  const client = createClient({ url });
  client.on('error', () => {
    // Reconnects by itself; a hit meanwhile fails and the caller answers as for any storage failure.
  });
  let connected: Promise<unknown> | undefined;
  return {
    async hit(key, limit, windowSeconds, now) {
      connected ??= client.connect();
      await connected;
      const t = now.getTime();
      const windowMs = windowSeconds * 1000;
      const oldest = Number(
        await client.eval(SCRIPT, {
          keys: [`${prefix}:${key}`],
          arguments: [String(t), String(windowMs), String(limit), `${t}:${randomUUID()}`],
        }),
      );
      if (oldest < 0) return { allowed: true as const };
      return { allowed: false as const, retryAfter: Math.max(1, Math.ceil((oldest + windowMs - t) / 1000)) };
    },
    async close() {
      if (connected) await client.close();
    },
  };
}
