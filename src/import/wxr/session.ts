import { SaxesParser } from 'saxes';
import { ENTITY_NAME_LIMIT, pendingEntity, pendingStart, placeOf } from './ampersand.ts';
import { Refusal, WxrBuilder } from './builder.ts';
import { ChunkDecoder, DecodeError, impossibleDeclaration, sniffEncoding } from './decode.ts';
import { WxrError, type WxrEvent } from './types.ts';

export interface ReadOptions {
  /** Items without their comments, for a pass that needs none (the reader still checks them). */
  withoutComments?: boolean;
}

/**
 * The parser sees the file in slices this long, and the events of one slice are handed on before
 * the next is parsed: that bounds what waits in memory however the input is chunked.
 */
const SLICE_CHARS = 64 * 1024;

/**
 * WordPress puts a few comment lines before `<rss>`. Far more than that before the root element
 * means a DTD or junk that the parser would otherwise buffer whole, so we stop there.
 */
const PROLOG_LIMIT_CHARS = 1024 * 1024;

/** Enough bytes to see a BOM or the XML declaration, which must open the file. */
const SNIFF_BYTES = 1024;

/** Text kept from earlier writes: enough to reach back past an overlong entity name to its `&`. */
const TAIL_CHARS = 4 * ENTITY_NAME_LIMIT;

/**
 * WordPress nests a handful of elements (rss, channel, item, wp:postmeta, wp:meta_value). Far deeper
 * nesting is an attack or a broken file, and saxes looks a namespace prefix up through every open
 * element, so unbounded depth makes reading time grow with its square: 100,000 levels took minutes.
 */
export const MAX_DEPTH = 256;

/** A well-formedness error from saxes, told apart from our own bugs. */
class XmlError extends Error {}

/** One parse of one file: bytes → text slices → saxes → WXR events. */
export class Session {
  private readonly builder: WxrBuilder;
  private readonly parser = new SaxesParser({ xmlns: true });
  /** Open elements with the line they opened on, to say where an unclosed one began. */
  private readonly openTags: { name: string; line: number }[] = [];
  private lastClosed: { name: string; line: number } | undefined;
  private decoder: ChunkDecoder | undefined;
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private started = false;
  private written = 0;
  /** The end of the text written so far, to find where an error's cause is. */
  private tail = '';

  constructor(options: ReadOptions = {}) {
    this.builder = new WxrBuilder(options.withoutComments);
    this.parser.on('opentag', (tag) => {
      if (!tag.isSelfClosing) this.openTags.push({ name: tag.name, line: this.parser.line });
      if (this.openTags.length > MAX_DEPTH) {
        throw new Refusal(
          `elements nested more than ${MAX_DEPTH} deep (<${tag.name}> here); a WordPress export nests a few, so the file is refused`,
        );
      }
      this.builder.onOpen(tag);
    });
    this.parser.on('text', (text) => this.builder.onText(text));
    this.parser.on('cdata', (text) => this.builder.onText(text));
    this.parser.on('closetag', (tag) => {
      if (!tag.isSelfClosing) this.lastClosed = this.openTags.pop();
      this.builder.onClose();
    });
    this.parser.on('doctype', refuseDoctype);
    this.parser.on('error', (error) => {
      throw new XmlError(error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''));
    });
  }

  /** Text slices of a chunk. Bytes wait until there are enough to tell the encoding. */
  decode(chunk: string | Uint8Array): string[] {
    if (typeof chunk === 'string') return this.slices(chunk);
    if (this.decoder) return this.slices(this.decodeBytes(chunk));
    this.head.push(chunk);
    this.headBytes += chunk.length;
    return this.headBytes >= SNIFF_BYTES ? this.slices(this.openDecoder()) : [];
  }

  flush(): string[] {
    if (!this.decoder && this.headBytes > 0) return this.slices(this.openDecoder(true));
    return this.decoder ? this.slices(this.decodeBytes(new Uint8Array(0), true)) : [];
  }

  write(text: string): void {
    if (!this.builder.rootSeen && this.written + text.length > PROLOG_LIMIT_CHARS) {
      this.refuse('no root element in the first 1 MiB: this is not a WordPress export');
    }
    const recent = this.tail + text;
    const recentStart = this.written - this.tail.length;
    this.guard(recent, recentStart, () => this.parser.write(text));
    this.written += text.length;
    this.tail = recent.slice(-TAIL_CHARS);
    if (pendingEntity(this.parser).length > ENTITY_NAME_LIMIT) this.refuseAmpersand(recent);
  }

  close(): void {
    if (pendingEntity(this.parser) !== '') this.refuseAmpersand(this.tail);
    this.guard(this.tail, this.written - this.tail.length, () => {
      this.parser.close();
      this.builder.finish();
    });
  }

  drain(): WxrEvent[] {
    return this.builder.events.splice(0);
  }

  /** Runs a parser step; `recent` is the text around it, starting at offset `recentStart` of the file. */
  private guard(recent: string, recentStart: number, step: () => void): void {
    try {
      step();
    } catch (error) {
      if (error instanceof Refusal) this.refuse(error.message);
      if (error instanceof XmlError) this.refuseXml(error.message, recent, recentStart);
      throw error;
    }
  }

  /** saxes says what is wrong where it noticed; we add where the cause is when we can tell. */
  private refuseXml(message: string, recent: string, recentStart: number): never {
    const open = this.openTags.at(-1);
    if (message.startsWith('unclosed tag') && open) {
      this.refuse(
        `not well-formed XML: the file ends before <${open.name}> (opened on line ${open.line}) is closed`,
      );
    }
    // saxes has already popped the element that a different end tag closed.
    const closed = this.lastClosed;
    if (message === 'unexpected close tag' && closed) {
      this.refuse(
        `not well-formed XML: <${closed.name}> (opened on line ${closed.line}) is closed by another end tag`,
      );
    }
    if (/entity name|undefined entity/.test(message)) {
      const at = this.parser.position - recentStart;
      const ampersand = recent.lastIndexOf('&', at - 1);
      if (ampersand >= 0) {
        const place = placeOf(recent, ampersand, at, { line: this.parser.line, column: this.parser.column });
        const reference = recent.slice(ampersand, at);
        const why = message === 'undefined entity' ? undefinedEntity(reference) : bareAmpersand;
        throw new WxrError(why, place.line, place.column);
      }
    }
    this.refuse(`not well-formed XML: ${message}`);
  }

  /** The parser is reading an entity name that is too long, or that the file ends in. */
  private refuseAmpersand(recent: string): never {
    const at = { line: this.parser.line, column: this.parser.column };
    const place = placeOf(recent, pendingStart(recent, pendingEntity(this.parser)), recent.length, at);
    throw new WxrError(bareAmpersand, place.line, place.column);
  }

  private refuse(message: string): never {
    throw new WxrError(message, this.parser.line, this.parser.column);
  }

  private openDecoder(last = false): string {
    const bytes = Buffer.concat(this.head);
    this.head = [];
    const encoding = sniffEncoding(bytes);
    const impossible = impossibleDeclaration(bytes, encoding);
    if (impossible) throw new WxrError(impossible, 1, 1);
    try {
      this.decoder = new ChunkDecoder(encoding);
    } catch {
      throw new WxrError(`unsupported encoding "${encoding}": save the export as UTF-8`, 1, 1);
    }
    return this.decodeBytes(bytes, last);
  }

  /** A bad byte: the text before it goes through the parser first, so the error has its place. */
  private decodeBytes(bytes: Uint8Array, last = false): string {
    try {
      return this.decoder?.decode(bytes, last) ?? '';
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      for (const text of this.slices(error.validText)) this.write(text);
      // The parser's column is that of the last good character; the bad byte comes next.
      const message = error.mislabelled ? error.message : `not well-formed XML: ${error.message}`;
      throw new WxrError(message, this.parser.line, this.parser.column + 1);
    }
  }

  private slices(text: string): string[] {
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const slices: string[] = [];
    for (let start = 0; start < text.length;) {
      let end = Math.min(start + SLICE_CHARS, text.length);
      // Never split a surrogate pair between two writes.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end++;
      slices.push(text.slice(start, end));
      start = end;
    }
    return slices;
  }
}

const bareAmpersand = "not well-formed XML: an '&' that starts no entity reference (write it as &amp;)";

/** `&nbsp;` and the like: HTML's names, which XML does not know and WordPress never writes outside CDATA. */
function undefinedEntity(reference: string): string {
  return `not well-formed XML: undefined entity ${reference} (XML knows only &amp; &lt; &gt; &quot; &apos;)`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * WordPress never writes a DOCTYPE. One with an internal subset can declare entities that expand
 * without bound (billion laughs); one with an external identifier points at a file or URL. saxes
 * expands and fetches neither, but we refuse the file rather than read it half-understood.
 */
function refuseDoctype(doctype: string): void {
  if (doctype.includes('[') || /\b(SYSTEM|PUBLIC)\b/.test(doctype)) {
    const what = /<!ENTITY/i.test(doctype) ? 'declares entities' : 'declares a DTD';
    throw new Refusal(
      `the file ${what} in its DOCTYPE; WordPress exports never do, and entity declarations can expand ` +
        'without bound (billion laughs) or read local files and URLs (external entities), so it is refused unread',
    );
  }
}
