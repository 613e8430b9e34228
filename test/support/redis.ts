import { createClient } from 'redis';

export const TEST_REDIS_URL = process.env.SAMIZDAT_TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * Can Redis tests run here? Locally an unreachable Redis skips them with a warning; in CI (`CI`
 * set) it throws, as for PostgreSQL (src/storage/postgres/test-database.ts).
 */
export async function redisAvailability(): Promise<{ available: boolean }> {
  const client = createClient({
    url: TEST_REDIS_URL,
    socket: { connectTimeout: 1500, reconnectStrategy: false },
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return { available: true };
  } catch (error) {
    const reason = `Redis at ${TEST_REDIS_URL} is unreachable (${(error as Error).message})`;
    if (process.env.CI) throw new Error(`${reason}; CI must run the Redis tests`, { cause: error });
    console.warn(`Skipping Redis tests: ${reason}`);
    return { available: false };
  }
}
