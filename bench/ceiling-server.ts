/**
 * The ceiling: a bare node:http server answering each measured path with the exact bytes and headers
 * Samizdat sent for it, and nothing else to do. Run as a child process by bench/pages.ts:
 *
 *   node bench/ceiling-server.ts PAGES.json      (PORT and HOST from the environment)
 *
 * PAGES.json is `[{ path, headers: { name: value }, body: base64 }]`. Prints `listening PORT` when ready.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export interface CeilingPage {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/ceiling-server.ts PAGES.json');

const pages = new Map<string, { headers: Record<string, string>; body: Buffer }>();
for (const page of JSON.parse(readFileSync(file, 'utf8')) as CeilingPage[]) {
  const body = Buffer.from(page.body, 'base64');
  pages.set(page.path, { headers: { ...page.headers, 'content-length': String(body.length) }, body });
}

const server = createServer((request, response) => {
  const page = pages.get(request.url ?? '');
  if (!page) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, page.headers).end(page.body);
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : '?'}`);
});

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
