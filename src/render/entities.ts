import { decodeHTMLStrict } from 'entities';

const REFERENCE = /&(?:#x([0-9a-f]+)|#(\d+)|[a-z][a-z0-9]*);/gi;

/**
 * HTML character references decoded as a browser decodes them (the whole HTML table, by the
 * `entities` package that sanitize-html uses), with one exception: a numeric reference to no
 * character (`&#0;`, a lone surrogate half, past U+10FFFF) is kept as written instead of becoming
 * U+FFFD, so decoding never invents a character the writer did not type. A reference without its
 * `;` is text, as in XML.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, hex: string | undefined, decimal: string | undefined) => {
    if (hex !== undefined || decimal !== undefined) {
      const code = hex !== undefined ? parseInt(hex, 16) : parseInt(decimal!, 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return whole;
    }
    return decodeHTMLStrict(whole);
  });
}
