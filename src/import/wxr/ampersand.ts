/**
 * A bare `&` in text (`?a=1&b=2`, common in hand-edited or plugin-written exports) makes saxes read
 * an entity name up to the next `;`, which may be megabytes away or never come: memory grows with
 * the rest of the file and the error lands far from the cause. The reader watches that pending name,
 * stops at this length (real references are a few characters long), and points at the `&` itself.
 */
export const ENTITY_NAME_LIMIT = 256;

/** saxes keeps the entity name it is reading in a field that its typings do not show. */
export function pendingEntity(parser: object): string {
  const entity: unknown = (parser as { entity?: unknown }).entity;
  return typeof entity === 'string' ? entity : '';
}

export interface Place {
  line: number;
  column: number;
}

/**
 * The index in `recent` of the `&` that opened `pending`, which saxes read to the end of `recent`
 * with each line break turned into `\n`.
 */
export function pendingStart(recent: string, pending: string): number {
  let index = recent.length;
  for (let matched = 0; matched < pending.length && index > 0; matched++) {
    index--;
    if (recent[index] === '\n' && recent[index - 1] === '\r') index--;
  }
  return Math.max(0, index - 1);
}

/**
 * The line and column of `recent[index]`, knowing the parser's place after reading `recent` up to
 * `at`. The column is 0 when that character's line starts before `recent`.
 */
export function placeOf(recent: string, index: number, at: number, atPlace: Place): Place {
  const between = recent.slice(index, at);
  const breaks = between.match(/\r\n|\r|\n/g)?.length ?? 0;
  const lineStart = Math.max(recent.lastIndexOf('\n', index), recent.lastIndexOf('\r', index));
  const line = atPlace.line - breaks;
  if (lineStart >= 0) return { line, column: codePoints(recent.slice(lineStart + 1, index + 1)) };
  if (breaks === 0) return { line, column: atPlace.column - codePoints(recent.slice(index + 1, at)) };
  return { line, column: 0 };
}

function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
