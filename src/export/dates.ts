import { rfc822 } from '../render/dates.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` in UTC: WordPress's `*_gmt` columns. */
export function mysqlGmt(date: Date): string {
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  );
}

/** A `<pubDate>` as WordPress's exporter writes it: RFC 822 with `+0000` for `GMT`. */
export function wxrPubDate(date: Date): string {
  return rfc822(date).replace(/GMT$/, '+0000');
}

/**
 * Formats dates as WordPress's local-time columns (`post_date`, `comment_date`) hold them: the wall
 * clock in the site's timezone. An unknown timezone name falls back to UTC rather than failing the
 * export: the GMT columns carry the exact moment anyway.
 */
export function localDateFormatter(timeZone: string): (date: Date) => string {
  if (timeZone === 'UTC') return mysqlGmt;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    return mysqlGmt;
  }
  return (date) => {
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(date)) parts[part.type] = part.value;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
  };
}
