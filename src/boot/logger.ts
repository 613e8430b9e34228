import { levelEnabled, type LogFields, type Logger, type LogLevel } from '../core/ports/logger.ts';

type Level = Exclude<LogLevel, 'silent'>;

/** A value longer than this is cut: one request's URL or error must not make a line of megabytes. */
const MAX_VALUE = 300;
/** Debug lines carry stacks, which are longer; still one line. */
const MAX_DEBUG_VALUE = 8000;
/** Values made only of these are written bare; anything else is quoted and escaped as JSON. */
const BARE = /^[A-Za-z0-9_.,:/@%+=~-]+$/;
/** Characters that could rewrite what a terminal shows (controls, bidi, zero-width): escaped. */
const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export interface ConsoleLoggerOptions {
  /** Where a finished line goes; errors to stderr and the rest to stdout by default. */
  write?: (level: Level, line: string) => void;
  now?: () => Date;
  /**
   * A flood of the same event (same level, message and `error` field) writes at most `lines` lines
   * per `windowMs`; the next line written after a quiet spell says how many were left out.
   */
  repeats?: { lines: number; windowMs: number };
}

function formatValue(value: string | number | boolean, max: number): string {
  let text = String(value);
  if (text.length > max) text = `${text.slice(0, max)}…`;
  if (BARE.test(text)) return text;
  return JSON.stringify(text).replace(
    INVISIBLE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One line: `2026-12-04T15:40:00.000Z ERROR message key=value key="quoted value"`. */
export function formatLine(at: Date, level: Level, message: string, fields: LogFields = {}): string {
  const parts = [at.toISOString(), level.toUpperCase(), message.replace(/[\u0000-\u001f]/g, ' ')];
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined)
      parts.push(`${key}=${formatValue(value, level === 'debug' ? MAX_DEBUG_VALUE : MAX_VALUE)}`);
  }
  return parts.join(' ');
}

function writeToConsole(level: Level, line: string): void {
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** The logger the program runs with: one line per event, to the console, at `LOG_LEVEL`. */
export function consoleLogger(threshold: LogLevel, options: ConsoleLoggerOptions = {}): Logger {
  const write = options.write ?? writeToConsole;
  const now = options.now ?? (() => new Date());
  const { lines, windowMs } = options.repeats ?? { lines: 20, windowMs: 10_000 };
  const recent = new Map<string, { start: number; count: number; left: number }>();

  /** How many earlier lines of this kind were left out, or false when this one is left out too. */
  const admit = (key: string, at: number): number | false => {
    const seen = recent.get(key);
    if (!seen || at - seen.start >= windowMs) {
      // Keys come from the program's own messages, but a bound costs nothing.
      if (!seen && recent.size >= 1000) recent.clear();
      recent.set(key, { start: at, count: 1, left: 0 });
      return seen?.left ?? 0;
    }
    if (seen.count < lines) {
      seen.count++;
      return 0;
    }
    seen.left++;
    return false;
  };

  const log =
    (level: Level) =>
    (message: string, fields?: LogFields): void => {
      if (!levelEnabled(threshold, level)) return;
      const at = now();
      const left = admit(`${level}\u0000${message}\u0000${fields?.error ?? ''}`, at.getTime());
      if (left === false) return;
      write(
        level,
        formatLine(at, level, message, left > 0 ? { ...fields, 'similar-left-out': left } : fields),
      );
    };

  return {
    error: log('error'),
    info: log('info'),
    debug: log('debug'),
    enabled: (level) => levelEnabled(threshold, level),
  };
}
