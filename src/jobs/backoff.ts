export interface BackoffOptions {
  /** The wait after the first failed attempt (before jitter). */
  baseMs: number;
  /** No wait grows past this. */
  maxMs: number;
}

/** Ten seconds doubling up to an hour: with ten attempts, a mail server may be away about three hours. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 10_000, maxMs: 60 * 60 * 1000 };

/**
 * How long to wait after the `attempt`-th failure: exponential, with "equal jitter" (half fixed,
 * half random), so jobs that failed together (a mail server went down) do not all return together.
 */
export function retryDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return exponential / 2 + random() * (exponential / 2);
}
