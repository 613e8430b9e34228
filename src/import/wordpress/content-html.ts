/** Small HTML helpers shared by the content converter's parts. */

export function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references in an attribute value (WordPress writes `&#038;` in URLs). */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    const code =
      name[0] !== '#'
        ? -1
        : name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : +name.slice(1);
    if (code >= 0) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

/** A visible link to a URL, its text the URL itself. */
export function linkTo(url: string, text = url): string {
  return `<a href="${escapeAttribute(url)}">${escapeText(text)}</a>`;
}

export function hostOf(url: string): string {
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
