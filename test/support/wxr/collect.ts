import { readWxr } from '../../../src/import/wxr/reader.ts';
import {
  WxrError,
  type WxrAuthor,
  type WxrItem,
  type WxrSite,
  type WxrTerm,
} from '../../../src/import/wxr/types.ts';

/** For tests: everything a file yields, by kind, and the order of kinds. */
export interface Collected {
  site: WxrSite | undefined;
  authors: WxrAuthor[];
  terms: WxrTerm[];
  items: WxrItem[];
  order: string[];
}

export async function collect(
  input: AsyncIterable<string | Uint8Array> | NodeJS.ReadableStream,
): Promise<Collected> {
  const all: Collected = { site: undefined, authors: [], terms: [], items: [], order: [] };
  for await (const event of readWxr(input)) {
    all.order.push(event.kind);
    if (event.kind === 'site') all.site = event.site;
    else if (event.kind === 'author') all.authors.push(event.author);
    else if (event.kind === 'term') all.terms.push(event.term);
    else all.items.push(event.item);
  }
  return all;
}

/** The WxrError a file is refused with; fails the test when it is read without one. */
export async function refusal(
  input: AsyncIterable<string | Uint8Array> | NodeJS.ReadableStream,
): Promise<WxrError> {
  try {
    await collect(input);
  } catch (error) {
    if (error instanceof WxrError) return error;
    throw error;
  }
  throw new Error('the file was read without a WxrError');
}

/** A string as an async stream of chunks of `size` characters (or UTF-8 bytes with `bytes`). */
export async function* chunks(text: string, size = 1000, bytes = false): AsyncGenerator<string | Uint8Array> {
  if (bytes) {
    const all = new TextEncoder().encode(text);
    for (let i = 0; i < all.length; i += size) yield all.subarray(i, i + size);
    return;
  }
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"' +
  ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:dc="http://purl.org/dc/elements/1.1/"' +
  ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n';

/** A small export around `body`, with a site header unless `header` replaces it. */
export function wxr(
  body: string,
  header = '<title>Site</title><wp:wxr_version>1.2</wp:wxr_version>',
): string {
  return `${HEAD}${header}\n${body}\n</channel>\n</rss>\n`;
}
