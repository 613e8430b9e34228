import { describe, expect, it } from 'vitest';
import { readWxr } from './reader.ts';

/**
 * A large export made on the fly (never held whole) must read in flat memory: the reader keeps one
 * item, the parser one slice. 20,000 items of Cyrillic text is ~100 MB of UTF-8 and ~100 MB as
 * JavaScript strings, so holding even a fraction of it would show.
 */
const ITEMS = 20_000;
const PARAGRAPH = 'Съешь же ещё этих мягких французских булок, да выпей чаю. '.repeat(40);

function item(n: number): string {
  const comment = (id: number, parent: number) => `<wp:comment><wp:comment_id>${id}</wp:comment_id>
    <wp:comment_author><![CDATA[Читатель ${id}]]></wp:comment_author>
    <wp:comment_content><![CDATA[Ответ номер ${id}: ${PARAGRAPH.slice(0, 300)}]]></wp:comment_content>
    <wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
  return `<item><title>Запись № ${n}</title><link>https://old.example/?p=${n}</link>
  <content:encoded><![CDATA[<p>${PARAGRAPH}</p>\n\n<p>${PARAGRAPH}</p>]]></content:encoded>
  <wp:post_id>${n}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
  <category domain="post_tag" nicename="t${n % 50}"><![CDATA[Метка ${n % 50}]]></category>
  ${comment(n * 10 + 1, 0)}${comment(n * 10 + 2, n * 10 + 1)}</item>\n`;
}

async function* largeExport(): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Большой блог</title><wp:wxr_version>1.2</wp:wxr_version>\n`);
  for (let n = 1; n <= ITEMS; n++) yield encoder.encode(item(n));
  yield encoder.encode('</channel></rss>\n');
}

const MB = 1024 * 1024;

describe('readWxr: memory', () => {
  it(`reads ${ITEMS} items of Cyrillic text with flat memory`, { timeout: 60_000 }, async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let items = 0;
    let comments = 0;
    let chars = 0;
    const started = performance.now();
    for await (const event of readWxr(largeExport())) {
      if (event.kind !== 'item') continue;
      items++;
      comments += event.item.comments.length;
      chars += event.item.content.length;
      if (items % 250 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const seconds = (performance.now() - started) / 1000;
    const growth = (peak - baseline) / MB;
    console.info(
      `WXR memory: ${items} items, ${comments} comments, ${(chars / 1e6).toFixed(0)}M content chars in ` +
        `${seconds.toFixed(1)} s; heap peak ${(peak / MB).toFixed(0)} MB, ${growth.toFixed(1)} MB above baseline` +
        (gc ? ' (after gc)' : ' (gc not exposed)'),
    );
    expect(items).toBe(ITEMS);
    expect(comments).toBe(2 * ITEMS);
    expect(growth).toBeLessThan(50);
  });
});
