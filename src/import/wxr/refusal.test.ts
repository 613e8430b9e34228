import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunks, refusal, wxr } from '../../../test/support/wxr/collect.ts';
import { WxrError } from './types.ts';

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol9;</title>
<item><title>&lol9;</title><wp:post_id>1</wp:post_id></item></channel></rss>`;

function withDoctype(
  doctype: string,
  body = '<item><title>&xxe;</title><wp:post_id>1</wp:post_id></item>',
): string {
  return wxr(body).replace('<rss ', `${doctype}\n<rss `);
}

describe('readWxr: entity attacks are refused unread', () => {
  afterEach(() => vi.restoreAllMocks());

  it('refuses billion laughs at its DOCTYPE, before expanding anything', async () => {
    const before = process.memoryUsage().heapUsed;
    const error = await refusal(chunks(BILLION_LAUGHS));
    expect(error).toBeInstanceOf(WxrError);
    expect(error.message).toMatch(/declares entities.*billion laughs/);
    expect(error.line).toBe(13);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses an external entity naming a local file without opening it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxr-xxe-'));
    try {
      const secret = join(dir, 'secret.txt');
      writeFileSync(secret, 'TOP-SECRET');
      const opened = [vi.spyOn(fs, 'openSync'), vi.spyOn(fs, 'readFileSync'), vi.spyOn(fs, 'open')];
      const opens = [vi.spyOn(fs.promises, 'open'), vi.spyOn(fs.promises, 'readFile')];
      const file = withDoctype(`<!DOCTYPE rss [<!ENTITY xxe SYSTEM "${pathToFileURL(secret).href}">]>`);
      const error = await refusal(chunks(file));
      expect(error.message).toMatch(/declares entities/);
      expect(error.message).not.toContain('TOP-SECRET');
      for (const spy of [...opened, ...opens]) expect(spy).not.toHaveBeenCalled();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses external entities and DTDs naming a URL without requesting it', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end('<!ENTITY xxe "fetched">');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/evil`;
    try {
      for (const doctype of [
        `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "${url}">]>`,
        `<!DOCTYPE rss [<!ENTITY % dtd SYSTEM "${url}"> %dtd;]>`,
        `<!DOCTYPE rss SYSTEM "${url}">`,
        `<!DOCTYPE rss PUBLIC "-//Evil//DTD//EN" "${url}">`,
      ]) {
        const error = await refusal(chunks(withDoctype(doctype)));
        expect(error.message).toMatch(/refused unread/);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('accepts a bare DOCTYPE, which declares nothing', async () => {
    const error = await refusal(chunks(withDoctype('<!DOCTYPE rss>', '<item><title>&xxe;</title></item>')));
    // Read past the DOCTYPE, then refused for the undefined entity, not for the DOCTYPE.
    expect(error.message).toMatch(/undefined entity/);
  });

  it('refuses a prolog too long to be an export’s, without buffering it', async () => {
    async function* endlessComment() {
      yield '<?xml version="1.0"?><!--';
      for (;;) yield 'x'.repeat(64 * 1024);
    }
    const error = await refusal(endlessComment());
    expect(error.message).toMatch(/no root element in the first 1 MiB/);
  });
});

describe('readWxr: files that are not well-formed are refused with the place of the fault', () => {
  const cases: { name: string; file: string; message: RegExp; line: number; column?: number }[] = [
    {
      name: 'an HTML entity outside CDATA',
      file: wxr('<item><title>a&nbsp;b</title></item>'),
      message: /undefined entity &nbsp; \(XML knows only/,
      line: 5,
      column: 15,
    },
    {
      name: 'a bare & in a URL',
      file: wxr('<item>\n<link>https://x.example/?a=1&b=2</link></item>'),
      message: /an '&' that starts no entity reference/,
      line: 6,
      column: 29,
    },
    {
      name: 'a mismatched end tag',
      file: wxr('<item>\n<title>x</item>'),
      message: /<title> \(opened on line 6\) is closed by another end tag/,
      line: 6,
    },
    {
      name: 'a truncated file',
      file: wxr('<item><title>x</title>').replace(/<\/channel>[\s\S]*/, ''),
      message: /the file ends before <item> \(opened on line 5\) is closed/,
      line: 6,
    },
    { name: 'a "]]>" in text', file: wxr('<item><title>a]]>b</title></item>'), message: /"\]\]>"/, line: 5 },
    {
      name: 'a control character',
      file: wxr('<item><title>a\u000Cb</title></item>'),
      message: /disallowed/,
      line: 5,
    },
    {
      name: 'text that is not XML',
      file: 'This is not valid XML content',
      message: /not well-formed/,
      line: 1,
    },
    { name: 'an empty file', file: '', message: /root element/, line: 1 },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const error = await refusal(chunks(c.file, 5));
      expect(error.message).toMatch(c.message);
      expect(error.line).toBe(c.line);
      if (c.column !== undefined) expect(error.column).toBe(c.column);
    });
  }

  it('stops at a bare & whose “entity” never ends, long before the end of the file', async () => {
    let pulled = 0;
    async function* input() {
      yield wxr('').replace('</channel>', '<item><title>AT&T ');
      for (let i = 0; i < 10_000; i++, pulled++) yield 'words without a semicolon '.repeat(400);
    }
    const error = await refusal(input());
    expect(error.message).toMatch(/an '&' that starts no entity reference/);
    expect([error.line, error.column]).toEqual([6, 16]);
    expect(pulled).toBeLessThan(5);
  });

  it('refuses bytes that are not UTF-8, at the line and column of the first bad byte', async () => {
    const [before = '', after = ''] = wxr('<item>\n<title>Ошибка: MARK</title></item>').split('MARK');
    const encode = (text: string) => new TextEncoder().encode(text);
    const file = new Uint8Array([...encode(before), 0xff, ...encode(after)]);
    const error = await refusal(
      (async function* () {
        yield file.subarray(0, 1500);
        yield file.subarray(1500);
      })(),
    );
    expect(error.message).toMatch(/invalid UTF-8 byte at byte offset \d+/);
    expect([error.line, error.column]).toEqual([6, 16]);
  });

  it('refuses an encoding it cannot decode', async () => {
    const file = new TextEncoder().encode(wxr('').replace('UTF-8', 'x-no-such-charset'));
    const error = await refusal(
      (async function* () {
        yield file;
      })(),
    );
    expect(error.message).toMatch(/unsupported encoding "x-no-such-charset"/);
  });
});

describe('readWxr: well-formed files that are not WordPress exports', () => {
  const cases: { name: string; file: string; message: RegExp }[] = [
    {
      name: 'an Atom feed',
      file: '<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>',
      message: /<feed>/,
    },
    {
      name: 'an RSS feed',
      file: '<rss version="2.0"><channel><title>x</title><item><title>y</title></item></channel></rss>',
      message: /nothing in it uses the WordPress export namespace/,
    },
    {
      name: 'an RSS file without a channel',
      file: '<rss xmlns:wp="http://wordpress.org/export/1.2/"/>',
      message: /no <channel>/,
    },
    {
      name: 'WXR version "abc"',
      file: wxr('', '<wp:wxr_version>abc</wp:wxr_version>'),
      message: /unsupported WXR version "abc"/,
    },
    {
      name: 'WXR version "2.0"',
      file: wxr('', '<wp:wxr_version>2.0</wp:wxr_version>'),
      message: /unsupported WXR version "2.0"/,
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      expect((await refusal(chunks(c.file))).message).toMatch(c.message);
    });
  }
});
