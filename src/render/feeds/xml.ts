import { escapeAttribute, escapeText } from '../xml.ts';

/** `<name attr="…">text</name>`, or nothing when the text is empty. */
export function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  if (text === '') return '';
  return `<${name}${attrs(attributes)}>${escapeText(text)}</${name}>`;
}

export function attrs(attributes: Record<string, string | number>): string {
  return Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
}
