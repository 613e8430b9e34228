/**
 * Bytes to text for the XML parser. WordPress writes exports in the blog's charset (UTF-8 nearly
 * always, but old blogs ran ISO-8859-1), so the encoding comes from the BOM or the XML declaration.
 * Bytes that are not valid in that encoding make the file malformed: we never substitute U+FFFD
 * silently, and we say where the first bad byte is.
 */

/** How many bytes we look at for the XML declaration: it must come first in the file. */
const SNIFF_BYTES = 1024;

export class DecodeError extends Error {
  /** The text decoded before the bad byte, so the caller can place the error at a line and column. */
  readonly validText: string;
  constructor(message: string, validText: string) {
    super(message);
    this.validText = validText;
  }
}

/** The encoding label, from a byte-order mark or `<?xml … encoding="…"?>`; UTF-8 by default. */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, SNIFF_BYTES));
  const declared = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(ascii);
  return declared?.[1]?.toLowerCase() ?? 'utf-8';
}

/** The length of the bytes at the end of `bytes` that start a UTF-8 sequence they do not finish. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

export class ChunkDecoder {
  readonly encoding: string;
  private readonly utf8: boolean;
  private readonly decoder: TextDecoder;
  private carry: Uint8Array = new Uint8Array(0);
  private decodedBytes = 0;

  constructor(encoding: string) {
    this.encoding = encoding;
    this.utf8 = encoding === 'utf-8' || encoding === 'utf8';
    // ignoreBOM: a chunk may begin with a U+FEFF that is content; the file's own BOM is dropped by the reader.
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  /**
   * UTF-8 is decoded piece by piece on whole characters (we carry an unfinished sequence over), so on
   * an invalid byte we can find exactly where it is; other encodings stream through the decoder.
   */
  decode(bytes: Uint8Array, last = false): string {
    if (!this.utf8) return this.decodeOther(bytes, last);
    const joined = this.carry.length === 0 ? bytes : concat(this.carry, bytes);
    const cut = last ? joined.length : joined.length - incompleteTail(joined);
    this.carry = joined.slice(cut);
    const piece = joined.subarray(0, cut);
    try {
      const text = this.decoder.decode(piece);
      this.decodedBytes += piece.length;
      return text;
    } catch {
      throw this.locate(piece);
    }
  }

  private decodeOther(bytes: Uint8Array, last: boolean): string {
    try {
      return this.decoder.decode(bytes, { stream: !last });
    } catch {
      throw new DecodeError(`the file is not valid ${this.encoding}`, '');
    }
  }

  /** Binary search for the longest valid prefix: a streaming decoder accepts any prefix of valid text. */
  private locate(piece: Uint8Array): DecodeError {
    let good = 0;
    let bad = piece.length;
    while (bad - good > 1) {
      const middle = (good + bad) >>> 1;
      if (validPrefix(piece.subarray(0, middle))) good = middle;
      else bad = middle;
    }
    const validText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(piece.subarray(0, good), {
      stream: true,
    });
    const offset = this.decodedBytes + new TextEncoder().encode(validText).length;
    return new DecodeError(`invalid UTF-8 byte at byte offset ${offset}`, validText);
  }
}

function validPrefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
