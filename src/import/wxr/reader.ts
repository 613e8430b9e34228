import { Session, type ReadOptions } from './session.ts';
import type { WxrEvent } from './types.ts';

/**
 * Reads a WordPress export (WXR 1.0–1.2) as a stream of events: the site once, then authors, terms
 * and items in file order, each item whole with its comments and meta. A term that the file repeats
 * (WordPress 6 writes categories and tags both as `wp:category`/`wp:tag` and again as `wp:term`)
 * comes once, as first written, which is the one WordPress's importer keeps.
 *
 * Memory holds one item at a time; the input is pulled only as the consumer pulls events. Throws
 * WxrError, with a line and column, for a file we refuse: not well-formed XML, declaring a DTD
 * (entities are never expanded, files and URLs never read), in an encoding we cannot decode, of a
 * WXR version other than 1.x, or not a WordPress export. A refusal can come after events (the error
 * may be at the end of the file), so a caller that must write nothing for a bad file reads it whole
 * first or writes in one transaction.
 */
export function readWxr(
  input: AsyncIterable<string | Uint8Array> | NodeJS.ReadableStream,
  options: ReadOptions = {},
): AsyncGenerator<WxrEvent> {
  return read(input, options);
}

async function* read(
  input: AsyncIterable<string | Uint8Array>,
  options: ReadOptions,
): AsyncGenerator<WxrEvent> {
  const session = new Session(options);
  for await (const chunk of input) {
    for (const text of session.decode(chunk)) {
      session.write(text);
      yield* session.drain();
    }
  }
  for (const text of session.flush()) session.write(text);
  session.close();
  yield* session.drain();
}
