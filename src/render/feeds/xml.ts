/**
 * Characters XML 1.0 forbids outright (C0 controls but tab, newline and return; lone surrogates;
 * U+FFFE and U+FFFF). One pasted from a word processor into a post would make the whole feed
 * unreadable to a strict parser, so they are dropped.
 */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** The text without the characters XML forbids; JSON Feed gets the same, so the formats agree. */
export function clean(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text for an element's content or an attribute value (quotes are escaped for both). */
export function xml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** RFC 822 as RSS 2.0 wants it, with a four-digit year and GMT: "Sun, 03 Mar 2024 14:05:00 GMT". */
export function rfc822(d: Date): string {
  return d.toUTCString();
}

/** RFC 3339 in UTC, to the second: feeds and readers have no use for milliseconds. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `<name attr="…">text</name>`, or nothing when the text is empty. */
export function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  if (text === '') return '';
  return `<${name}${attrs(attributes)}>${xml(text)}</${name}>`;
}

export function attrs(attributes: Record<string, string | number>): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${xml(String(value))}"`)
    .join('');
}
