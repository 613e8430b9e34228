import { escapeText, xmlSafe } from '../render/xml.ts';

/**
 * A CDATA section as WordPress's wxr_cdata() writes it. `]]>` would end the section early, so it is
 * split across two sections (`]]` ends one, `>` starts the next), which a parser joins back.
 */
export function cdata(value: string): string {
  return `<![CDATA[${xmlSafe(value).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<name>` + CDATA + `</name>`. */
export function cdataElement(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}

/** `<name>` + escaped text + `</name>`. */
export function textElement(name: string, value: string | number): string {
  return `<${name}>${escapeText(String(value))}</${name}>`;
}
