/**
 * For tests only: the character data of an element's raw text as an XML parser must give it:
 * CDATA sections unwrapped, the predefined and numeric references decoded outside them, and line
 * breaks normalised to `\n` (XML 1.0 §2.11, which applies inside CDATA too).
 */
export function xmlText(raw: string): string {
  const pieces = raw.split(/(<!\[CDATA\[[\s\S]*?\]\]>)/);
  const text = pieces
    .map((piece) => (piece.startsWith('<![CDATA[') ? piece.slice(9, -3) : decodeReferences(piece)))
    .join('');
  return text.replace(/\r\n?/g, '\n');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return NAMED[name] ?? whole;
  });
}

/** Raw text of each `<tag>…</tag>` (no attributes) inside `block`, in order. */
export function elementTexts(block: string, tag: string): string[] {
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>|<${tag}\\s*/>`, 'g');
  return [...block.matchAll(pattern)].map((m) => xmlText(m[1] ?? ''));
}
