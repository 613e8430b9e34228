import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One payload of the shared XSS corpus and the file it came from (for failure messages). */
export interface Payload {
  text: string;
  source: string;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return files(path);
      return /\.(txt|svg)$/.test(entry.name) ? [path] : [];
    })
    .sort();
}

/**
 * The corpus read as src/render/markdown.xss.test.ts reads it: a .txt file is one payload a line
 * (split on \r?\n, blank lines skipped); the event-handler lists are attribute names, tried bare and
 * inside tags; an .svg file is one payload. Duplicates across files are kept once.
 */
export function loadPayloads(dir: string): Payload[] {
  const seen = new Set<string>();
  const out: Payload[] = [];
  for (const path of files(dir)) {
    const source = relative(dir, path);
    const text = readFileSync(path, 'utf8');
    const lines = path.endsWith('.svg') ? [text] : text.split(/\r?\n/).filter((line) => line.trim() !== '');
    const payloads = /event_handlers/.test(path)
      ? lines.flatMap((handler) => [
          handler,
          `<img src=x ${handler}=alert(1)>`,
          `<a href="https://example.org" ${handler}="alert(1)">x</a>`,
          `<p ${handler}=alert(1)>x</p>`,
        ])
      : lines;
    for (const payload of payloads) {
      if (seen.has(payload)) continue;
      seen.add(payload);
      out.push({ text: payload, source });
    }
  }
  return out;
}

/**
 * What a browser's HTML parser makes of a string put in text or an attribute value: CR and CRLF
 * become LF, NUL becomes U+FFFD (in text content the tree builder drops it instead; see `asText`).
 */
export function asAttribute(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\0/g, '\ufffd');
}

export function asText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\0/g, '');
}
