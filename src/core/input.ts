/**
 * The one input gate: what a value that came from outside (a path segment, a query value, a form
 * field, a command-line argument) must be before it reaches storage. Both databases then see only
 * values they can hold, so a stranger's `%00` or `99999999999` gets the same answer on SQLite and
 * PostgreSQL (not found, or a field error) instead of a driver error.
 */

/** Ids are 32-bit `integer` columns in PostgreSQL; a larger number cannot name a stored row. */
export const MAX_ID = 2_147_483_647;

/** Longest slug, login or other path segment looked up; longer ones cannot name anything stored. */
export const MAX_SEGMENT_LENGTH = 400;

/**
 * A positive integer within the databases' id range, written the one canonical way (no sign, no
 * leading zero, no spaces), or undefined. Used for ids and page numbers alike, so `/page/00001/`
 * is not a second address of the first page.
 */
export function parseId(text: string | null | undefined): number | undefined {
  if (typeof text !== 'string' || !/^[1-9][0-9]{0,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_ID ? n : undefined;
}

// C0 controls (NUL included), DEL and C1 controls: never part of a name or a slug.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** True when text is well-formed Unicode (no lone surrogate, which PostgreSQL's UTF-8 refuses). */
export function isWellFormed(text: string): boolean {
  return text.isWellFormed();
}

/**
 * A slug, login or similar path segment as a reader's request carries it (already percent-decoded):
 * non-empty, not too long, well-formed, without control characters. Anything else cannot name a
 * stored thing, so the caller answers "not found" without asking storage.
 */
export function parseSegment(text: string | null | undefined): string | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_SEGMENT_LENGTH) return undefined;
  if (!isWellFormed(text) || CONTROL.test(text)) return undefined;
  return text;
}

/**
 * Free text from a query string or form (a search, a comment) made safe for either database: lone
 * surrogates replaced and NUL removed (PostgreSQL's text cannot hold NUL), at most `maxLength`
 * characters kept. What the reader meant survives; only what no database can store goes.
 */
export function cleanFreeText(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const cleaned = text.toWellFormed().replaceAll('\u0000', '');
  return cleaned.length > maxLength ? cleaned.slice(0, maxLength) : cleaned;
}

export interface DateRange {
  /** Inclusive start, UTC. */
  from: Date;
  /** Exclusive end, UTC. */
  until: Date;
  precision: 'year' | 'month' | 'day';
}

/**
 * A date archive's year, month and day as they stand in its path (`2026`, `03`, `09`): a real date
 * (`/2026/00/`, `/2026/02/30/` are not), written with four, two and two digits. Returns the span
 * of time it covers, or undefined.
 */
export function parseDateArchive(year: string, month?: string, day?: string): DateRange | undefined {
  if (!/^[0-9]{4}$/.test(year) || year === '0000') return undefined;
  if (month !== undefined && !/^(0[1-9]|1[0-2])$/.test(month)) return undefined;
  if (day !== undefined && (month === undefined || !/^(0[1-9]|[12][0-9]|3[01])$/.test(day))) return undefined;
  const y = Number(year);
  const m = month === undefined ? undefined : Number(month);
  const d = day === undefined ? undefined : Number(day);
  const from = new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
  from.setUTCFullYear(y); // Date.UTC maps years 0-99 to 1900-1999
  if (d !== undefined && from.getUTCDate() !== d) return undefined;
  const until = new Date(from);
  if (d !== undefined) until.setUTCDate(until.getUTCDate() + 1);
  else if (m !== undefined) until.setUTCMonth(until.getUTCMonth() + 1);
  else until.setUTCFullYear(until.getUTCFullYear() + 1);
  return { from, until, precision: d !== undefined ? 'day' : m !== undefined ? 'month' : 'year' };
}
