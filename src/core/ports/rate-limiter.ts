/**
 * Counts attempts per key in a sliding window. The in-memory one below serves a single instance;
 * several instances behind a balancer need a shared one (Redis) behind the same port.
 */
export interface RateLimiter {
  /** Records one attempt; answers how many seconds to wait when the key is over its limit. */
  hit(
    key: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<{ allowed: true } | { allowed: false; retryAfter: number }>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();

  async hit(key: string, limit: number, windowSeconds: number, now: Date) {
    const t = now.getTime();
    const windowStart = t - windowSeconds * 1000;
    const recent = (this.hits.get(key) ?? []).filter((at) => at > windowStart);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      const retryAfter = Math.max(1, Math.ceil((recent[0]! + windowSeconds * 1000 - t) / 1000));
      return { allowed: false as const, retryAfter };
    }
    recent.push(t);
    this.hits.set(key, recent);
    if (this.hits.size > 50_000) this.prune(windowStart);
    return { allowed: true as const };
  }

  private prune(windowStart: number): void {
    for (const [key, times] of this.hits) if (times.every((at) => at <= windowStart)) this.hits.delete(key);
  }
}
