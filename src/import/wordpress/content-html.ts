/** Small HTML helpers shared by the content converter's parts. */

import { escapeAttribute, escapeText } from '../../render/xml.ts';

/** A visible link to a URL, its text the URL itself. */
export function linkTo(url: string, text = url): string {
  return `<a href="${escapeAttribute(url)}">${escapeText(text)}</a>`;
}

/** The host to name in an import note: the URL itself when it has none. */
export function displayHost(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * The import report's lines for one piece of content. The same thing found again is counted on
 * its line rather than repeated.
 */
export class Notes {
  private readonly counts = new Map<string, number>();

  add(note: string): void {
    this.counts.set(note, (this.counts.get(note) ?? 0) + 1);
  }

  list(): string[] {
    return [...this.counts].map(([note, count]) => (count > 1 ? `${note} (${count}×)` : note));
  }
}
