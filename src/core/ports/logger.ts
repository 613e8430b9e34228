/** How much the program says: nothing, unexpected errors only, also what it is doing, or everything. */
export const LOG_LEVELS = ['silent', 'error', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured facts about one event; each becomes `key=value` on the event's one line. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * The program's operational log. Each call is one line. Callers pass facts as fields rather than
 * building sentences, so an adapter can quote, shorten and rate-limit them safely.
 */
export interface Logger {
  error(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  /** Whether lines of this level are written: skip building a costly field (a stack) otherwise. */
  enabled(level: Exclude<LogLevel, 'silent'>): boolean;
}

const nothing = (): void => {};

/** Writes nothing: tests, and `LOG_LEVEL=silent`. */
export const silentLogger: Logger = {
  error: nothing,
  info: nothing,
  debug: nothing,
  enabled: () => false,
};

/** True when `level` is at least as severe as the configured `threshold`. */
export function levelEnabled(threshold: LogLevel, level: Exclude<LogLevel, 'silent'>): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(threshold) && threshold !== 'silent';
}
