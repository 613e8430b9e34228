/** Dates as the formats the site writes want them, always in UTC so the site's time zone never shifts them. */

/** RFC 822 as RSS 2.0 wants it, with a four-digit year and GMT: "Sun, 03 Mar 2024 14:05:00 GMT". */
export function rfc822(date: Date): string {
  return date.toUTCString();
}

/** RFC 3339 in UTC, to the second: feeds and readers have no use for milliseconds. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
