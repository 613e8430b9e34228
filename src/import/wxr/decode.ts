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
  /** The bytes are fine, but in another encoding than the file declares. */
  readonly mislabelled: boolean;
  constructor(message: string, validText: string, mislabelled = false) {
    super(message);
    this.validText = validText;
    this.mislabelled = mislabelled;
  }
}

/** The encoding label, from a byte-order mark or `<?xml … encoding="…"?>`; UTF-8 by default. */
export function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // "<?" in UTF-16 without a byte-order mark (XML 1.0, appendix F).
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return 'utf-16le';
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return 'utf-16be';
  return declaredEncoding(head) ?? 'utf-8';
}

/** The encoding an XML declaration written one byte per character names. */
function declaredEncoding(head: Uint8Array): string | undefined {
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, SNIFF_BYTES));
  const declared = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(ascii);
  return declared?.[1]?.toLowerCase();
}

/**
 * A declaration that cannot be true: "UTF-16" read from bytes where it is written one byte per
 * character, which a UTF-16 file cannot do (its "<?xml" takes two bytes a character).
 */
export function impossibleDeclaration(head: Uint8Array, encoding: string): string | undefined {
  if (!/^(utf-?16|ucs-?2)/.test(encoding) || declaredEncoding(head) !== encoding) return undefined;
  return (
    `the file declares the encoding "${encoding}", but its declaration is written one byte a character, ` +
    'which UTF-16 cannot be: the file is probably UTF-8. Correct the declaration, or save the export as UTF-8'
  );
}

/** Encodings with one byte a character, where every byte decodes to something (so nothing fails). */
const SINGLE_BYTE = /^(windows-\d+|iso-8859-\d+|koi8-[ru]|ibm866|macintosh|x-mac-cyrillic)$/;

/** How many sequences beyond ASCII are looked at to tell UTF-8 from the declared single-byte encoding. */
const JUDGED_SEQUENCES = 16;

/**
 * Whether the bytes at `at` are a well-formed UTF-8 sequence beyond ASCII (undefined when the bytes
 * end before it would), and how long it is.
 */
function utf8SequenceAt(bytes: Uint8Array, at: number): { valid: boolean | undefined; length: number } {
  const lead = bytes[at] ?? 0;
  const length =
    lead >= 0xc2 && lead <= 0xdf
      ? 2
      : lead >= 0xe0 && lead <= 0xef
        ? 3
        : lead >= 0xf0 && lead <= 0xf4
          ? 4
          : 1;
  if (length === 1) return { valid: false, length };
  if (at + length > bytes.length) return { valid: undefined, length };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + length));
    return { valid: true, length };
  } catch {
    return { valid: false, length };
  }
}

/**
 * Where text declared in a single-byte encoding is really UTF-8: every one of the first sequences
 * beyond ASCII is well-formed UTF-8, which real Latin-1 or Cyrillic text almost never is ("é" in
 * Latin-1 is one byte that UTF-8 cannot start with a letter after it). The offset of the first such
 * sequence, or undefined when the bytes look like the declared encoding or there are none yet.
 */
function utf8Disguised(bytes: Uint8Array): number | undefined {
  let first: number | undefined;
  let seen = 0;
  for (let at = 0; at < bytes.length && seen < JUDGED_SEQUENCES; at++) {
    if ((bytes[at] ?? 0) < 0x80) continue;
    const { valid, length } = utf8SequenceAt(bytes, at);
    if (valid === false) return undefined;
    if (valid === undefined) break;
    first ??= at;
    seen++;
    at += length - 1;
  }
  return first;
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
  /** For a single-byte encoding: whether the bytes were seen to be what they claim. */
  private judged: boolean;

  constructor(encoding: string) {
    this.encoding = encoding;
    this.utf8 = encoding === 'utf-8' || encoding === 'utf8';
    // ignoreBOM: a chunk may begin with a U+FEFF that is content; the file's own BOM is dropped by the reader.
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    this.judged = !SINGLE_BYTE.test(this.decoder.encoding);
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
    if (!this.judged && bytes.some((byte) => byte >= 0x80)) {
      this.judged = true;
      const at = utf8Disguised(bytes);
      if (at !== undefined) throw this.mislabelled(bytes, at);
    }
    try {
      return this.decoder.decode(bytes, { stream: !last });
    } catch {
      throw new DecodeError(`the file is not valid ${this.encoding}`, '');
    }
  }

  private mislabelled(bytes: Uint8Array, at: number): DecodeError {
    const { length } = utf8SequenceAt(bytes, at);
    const sequence = bytes.subarray(at, at + length);
    const asDeclared = new TextDecoder(this.encoding).decode(sequence);
    const asUtf8 = new TextDecoder('utf-8').decode(sequence);
    return new DecodeError(
      `the file declares the encoding "${this.encoding}", but its text is UTF-8: the bytes for "${asUtf8}" ` +
        `would be read as "${asDeclared}". Correct the declaration to UTF-8 (or save the export in ${this.encoding})`,
      this.decoder.decode(bytes.subarray(0, at), { stream: true }),
      true,
    );
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
