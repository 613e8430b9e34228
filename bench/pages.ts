/**
 * `npm run bench [-- --size small|large]`: how fast Samizdat serves its reader pages, as ratios
 * against a ceiling measured in the same run. Seeds a site, starts (a) the server with its page
 * cache, (b) the same server with the cache off, and a bare node:http server answering the exact
 * bytes each of them sent (the ceiling, (c)); loads every page of each in alternating rounds with
 * wrk (autocannon where wrk is missing), prints the figures and writes them as JSON to bench/results/.
 * Also measured: time to the first answer after start, and resident memory idle and under load.
 *
 * Settings (environment): BENCH_CONNECTIONS (32), BENCH_DURATION seconds per round (5), BENCH_WARMUP
 * seconds (1), BENCH_ROUNDS per server and page (2).
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { openSite } from '../src/boot/site.ts';
import { loadConfig } from '../src/config/load.ts';
import type { CeilingPage } from './ceiling-server.ts';
import { combine, loadTool, round, type LoadTool, type RoundFigures } from './load.ts';
import { freePort, HOST, startChild, stopAll, waitUntilUp, type Child } from './processes.ts';
import { seedSite, type SeededSite, type SeedOptions } from './seed.ts';

const ROOT = join(import.meta.dirname, '..');

/** What every load request asks for, as a browser does; the cached server answers it with brotli. */
const REQUEST_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

type SiteSize = 'small' | 'large';
/** The sites of issue 14; `totalComments` is read by the seeder that spreads comments over the site. */
const SIZES: Record<SiteSize, SeedOptions & { totalComments?: number }> = {
  small: { posts: 1_000, comments: 60, depth: 5, seed: 20261128, totalComments: 4_000 },
  large: { posts: 100_000, comments: 60, depth: 5, seed: 20261128, totalComments: 1_000_000 },
};

interface PageSpec {
  name: string;
  path: string;
  /** What makes the page the one we mean to measure, beyond a 200. */
  check(text: string): string | null;
}

const SERVERS = ['cached', 'uncached', 'ceilingCached', 'ceilingUncached'] as const;
type Server = (typeof SERVERS)[number];

interface PageResult {
  page: string;
  path: string;
  /** Bytes each server sends for the page (the cached one compressed). */
  bytes: { cached: number; uncached: number };
  encoding: { cached: string; uncached: string };
  figures: Record<Server, RoundFigures>;
  ratio: { cached: number; uncached: number; cachedP99: number; uncachedP99: number };
}

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be between ${min} and ${max}`);
  return value;
}

function sizeArgument(): SiteSize {
  const args = process.argv.slice(2);
  const at = args.indexOf('--size');
  const size = at >= 0 ? args[at + 1] : 'small';
  if (size !== 'small' && size !== 'large') throw new Error('usage: npm run bench -- [--size small|large]');
  return size;
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;

function pageSpecs(site: SeededSite): PageSpec[] {
  const listing = (html: string) => (count(html, '<article') >= 10 ? null : 'fewer than 10 posts listed');
  return [
    { name: 'home', path: site.home, check: listing },
    {
      name: `post + ${site.comments} comments`,
      path: site.post,
      check: (html) => {
        const comments = html.match(/id="comment-\d+"/g)?.length ?? 0;
        return comments === site.comments ? null : `${comments} comments shown, expected ${site.comments}`;
      },
    },
    { name: 'tag archive', path: site.tag, check: listing },
    {
      name: 'RSS feed',
      path: '/feed/',
      check: (xml) => (count(xml, '<item>') >= 10 ? null : 'fewer than 10 items'),
    },
  ];
}

/** Fetches a page once as the load tool will, and keeps what its ceiling must send back. */
async function capture(
  base: string,
  spec: PageSpec,
): Promise<CeilingPage & { bytes: number; encoding: string }> {
  // Through node:http, which (unlike fetch) hands over the bytes as sent, compressed or not.
  const raw = await rawGet(base + spec.path);
  const encoding = raw.headers['content-encoding'] ?? 'identity';
  const decoded =
    encoding === 'br'
      ? brotliDecompressSync(raw.body)
      : encoding === 'gzip'
        ? gunzipSync(raw.body)
        : raw.body;
  const problem =
    raw.status !== 200
      ? `status ${raw.status}`
      : decoded.length < 4000
        ? `only ${decoded.length} bytes`
        : spec.check(decoded.toString('utf8'));
  if (problem)
    throw new Error(`${spec.name} (${spec.path}): ${problem}\n${decoded.toString().slice(0, 500)}`);
  const headers: Record<string, string> = {};
  const hopByHop = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
  for (const [name, value] of Object.entries(raw.headers)) if (!hopByHop.has(name)) headers[name] = value;
  return { path: spec.path, headers, body: raw.body.toString('base64'), bytes: raw.body.length, encoding };
}

/** A GET whose body is kept as sent (node:http does not decode). */
async function rawGet(
  url: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: REQUEST_HEADERS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (typeof value === 'string') headers[name] = value;
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Marks the seeding's events dispatched: they were written before any server had a page to forget,
 * and the first server's worker would otherwise spend the measured minutes dispatching them.
 */
async function settleOutbox(dataDir: string): Promise<void> {
  const site = await openSite(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }));
  try {
    for (;;) {
      const events = await site.core.storage.outbox.undispatched(1000);
      if (events.length === 0) return;
      await site.core.storage.outbox.markDispatched(
        events.map((e) => e.id),
        new Date(),
      );
    }
  } finally {
    await site.close();
  }
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Starts a server and times it to its first 200 on the home page. */
async function startServer(
  name: string,
  dataDir: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ child: Child; url: string; firstAnswerMs: number }> {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const started = performance.now();
  const child = startChild(name, [join(ROOT, 'bin/samizdat.js'), 'serve', ...args], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST,
    SITE_URL: url,
    // The run is SQLite in DATA_DIR, whatever the shell has set.
    DATABASE_URL: '',
    SMTP_URL: '',
    SITE_LANGUAGE: '',
    REDIS_URL: '',
    LOG_LEVEL: 'error',
    ...env,
  });
  for (;;) {
    if (child.process.exitCode !== null) throw new Error(`${name} exited:\n${child.output()}`);
    if (performance.now() - started > 60_000) throw new Error(`${name} did not answer within 60 s`);
    try {
      const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(5000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { child, url, firstAnswerMs: performance.now() - started };
}

async function measurePage(
  tool: LoadTool,
  spec: PageSpec,
  targets: Record<Server, string>,
  settings: Settings,
  sampleRss: () => void,
): Promise<Record<Server, RoundFigures>> {
  const run = (server: Server, duration: number) =>
    round(tool, targets[server] + spec.path, {
      connections: settings.connections,
      duration,
      timeout: 10,
      headers: REQUEST_HEADERS,
    });
  const rounds = Object.fromEntries(SERVERS.map((s) => [s, [] as RoundFigures[]])) as Record<
    Server,
    RoundFigures[]
  >;
  if (settings.warmup > 0) for (const server of SERVERS) await run(server, settings.warmup);
  for (let r = 0; r < settings.rounds; r++) {
    // Each server goes first as often as last: A B C D, then D C B A.
    for (const server of r % 2 === 0 ? SERVERS : [...SERVERS].reverse()) {
      process.stderr.write(`  ${spec.name}: ${server}, round ${r + 1} of ${settings.rounds}\n`);
      const sampler = setInterval(sampleRss, 250);
      try {
        rounds[server].push(await run(server, settings.duration));
      } finally {
        clearInterval(sampler);
      }
    }
  }
  const figures = Object.fromEntries(SERVERS.map((s) => [s, combine(rounds[s])])) as Record<
    Server,
    RoundFigures
  >;
  for (const server of SERVERS) {
    const f = figures[server];
    if (f.failures > 0 || f.responses === 0)
      throw new Error(`${spec.name}: ${server} had ${f.failures} failed requests of ${f.responses}`);
  }
  return figures;
}

function table(results: PageResult[]): string {
  const head = [
    'page',
    'bytes (a)',
    '(a) req/s',
    '(a) p99',
    '(b) req/s',
    '(b) p99',
    '(c) req/s',
    '(c) p99',
    '(a)/(c)',
    "(b)/(c')",
  ];
  const rps = (f: RoundFigures) => f.requestsPerSecond.toFixed(0);
  const p99 = (f: RoundFigures) => `${f.p99Ms.toFixed(1)} ms`;
  const rows = results.map((r) => [
    r.page,
    `${r.bytes.cached} ${r.encoding.cached}`,
    rps(r.figures.cached),
    p99(r.figures.cached),
    rps(r.figures.uncached),
    p99(r.figures.uncached),
    rps(r.figures.ceilingCached),
    p99(r.figures.ceilingCached),
    r.ratio.cached.toFixed(2),
    r.ratio.uncached.toFixed(3),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

interface Settings {
  connections: number;
  duration: number;
  warmup: number;
  rounds: number;
}

async function main(workDir: string, size: SiteSize, settings: Settings): Promise<void> {
  const started = Date.now();
  const tool = loadTool();
  // Other work on the machine skews every figure; the ratios less so. Kept to judge a run by.
  const loadBefore = loadavg();

  process.stderr.write(`seeding the ${size} site…\n`);
  const dataDir = join(workDir, 'data');
  const seedStarted = Date.now();
  const site = await seedSite(dataDir, SIZES[size]);
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  await settleOutbox(dataDir);

  const cached = await startServer('Samizdat (a) cached', dataDir, { PAGE_CACHE: 'on' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idleRss = rssMb(cached.child.process.pid);
  // The second server only reads: its worker would only repeat the first one's.
  const uncached = await startServer('Samizdat (b) uncached', dataDir, { PAGE_CACHE: 'off' }, [
    '--role',
    'web',
  ]);
  const idleRssUncached = rssMb(uncached.child.process.pid);

  const specs = pageSpecs(site);
  const captured = {
    cached: [] as Awaited<ReturnType<typeof capture>>[],
    uncached: [] as Awaited<ReturnType<typeof capture>>[],
  };
  for (const spec of specs) {
    captured.cached.push(await capture(cached.url, spec));
    captured.uncached.push(await capture(uncached.url, spec));
  }

  const ceilings: Record<'cached' | 'uncached', string> = { cached: '', uncached: '' };
  for (const which of ['cached', 'uncached'] as const) {
    const file = join(workDir, `pages-${which}.json`);
    await writeFile(file, JSON.stringify(captured[which]));
    const port = await freePort();
    const url = `http://${HOST}:${port}`;
    const child = startChild(`ceiling (${which})`, [join(ROOT, 'bench/ceiling-server.ts'), file], {
      PORT: String(port),
      HOST,
    });
    await waitUntilUp(child, `${url}${specs[0]!.path}`, 15_000);
    for (const page of captured[which]) {
      const echoed = (await rawGet(url + page.path)).body;
      if (!echoed.equals(Buffer.from(page.body, 'base64')))
        throw new Error(`the ceiling does not echo ${page.path}`);
    }
    ceilings[which] = url;
  }

  const targets: Record<Server, string> = {
    cached: cached.url,
    uncached: uncached.url,
    ceilingCached: ceilings.cached,
    ceilingUncached: ceilings.uncached,
  };
  const peak = { cached: idleRss, uncached: idleRssUncached };
  const sampleRss = () => {
    peak.cached = Math.max(peak.cached, rssMb(cached.child.process.pid));
    peak.uncached = Math.max(peak.uncached, rssMb(uncached.child.process.pid));
  };
  const results: PageResult[] = [];
  for (const [i, spec] of specs.entries()) {
    const figures = await measurePage(tool, spec, targets, settings, sampleRss);
    results.push({
      page: spec.name,
      path: spec.path,
      bytes: { cached: captured.cached[i]!.bytes, uncached: captured.uncached[i]!.bytes },
      encoding: { cached: captured.cached[i]!.encoding, uncached: captured.uncached[i]!.encoding },
      figures,
      ratio: {
        cached: figures.cached.requestsPerSecond / figures.ceilingCached.requestsPerSecond,
        uncached: figures.uncached.requestsPerSecond / figures.ceilingUncached.requestsPerSecond,
        cachedP99: figures.cached.p99Ms / figures.ceilingCached.p99Ms,
        uncachedP99: figures.uncached.p99Ms / figures.ceilingUncached.p99Ms,
      },
    });
  }
  await stopAll();

  const report = {
    benchmark: 'pages',
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    tool,
    settings: {
      ...settings,
      requestHeaders: REQUEST_HEADERS,
      order: 'warm-up every server, then rounds alternating a b c c′ / c′ c b a',
      host: HOST,
      servers: {
        cached: '(a) samizdat serve, PAGE_CACHE=on',
        uncached: '(b) samizdat serve --role web, PAGE_CACHE=off',
        ceilingCached: '(c) node:http sending the bytes and headers (a) sent (brotli)',
        ceilingUncached: "(c') node:http sending the bytes and headers (b) sent (uncompressed)",
      },
    },
    site: { size, ...site, seedSeconds },
    start: { cachedFirstAnswerMs: cached.firstAnswerMs, uncachedFirstAnswerMs: uncached.firstAnswerMs },
    memoryMb: {
      cachedIdle: idleRss,
      cachedPeakUnderLoad: peak.cached,
      uncachedIdle: idleRssUncached,
      uncachedPeakUnderLoad: peak.uncached,
    },
    loadAverage: { before: loadBefore, after: loadavg() },
    pages: results,
    seconds: (Date.now() - started) / 1000,
  };
  const resultsDir = join(ROOT, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `pages-${size}-${report.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

  const la = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `\nSamizdat reader pages, ${size} site (${site.posts} posts), ${tool} at ${settings.connections} connections, ` +
      `${settings.rounds} × ${settings.duration} s per server and page, node ${process.version}, ${report.cpus} CPUs\n` +
      `load average ${la(loadBefore)} before, ${la(report.loadAverage.after)} after\n` +
      `requests ask Accept-Encoding: ${REQUEST_HEADERS['accept-encoding']}\n`,
  );
  console.log(table(results));
  console.log(
    `\n(a) the server with its page cache; (b) with PAGE_CACHE=off; (c) node:http sending the bytes (a) sent, ` +
      `(c') those (b) sent (uncompressed; its figures are in the JSON).\n` +
      `first answer after start: (a) ${cached.firstAnswerMs.toFixed(0)} ms, (b) ${uncached.firstAnswerMs.toFixed(0)} ms; ` +
      `resident memory (a): ${idleRss.toFixed(0)} MB idle, ${peak.cached.toFixed(0)} MB at most under load; ` +
      `(b): ${idleRssUncached.toFixed(0)} MB idle, ${peak.uncached.toFixed(0)} MB under load`,
  );
  console.log(`wrote ${relative(process.cwd(), file)} in ${report.seconds.toFixed(0)} s`);
}

const settings: Settings = {
  connections: setting('BENCH_CONNECTIONS', 32, 1, 256),
  duration: setting('BENCH_DURATION', 5, 1, 60),
  warmup: setting('BENCH_WARMUP', 1, 0, 30),
  rounds: setting('BENCH_ROUNDS', 2, 1, 10),
};
const size = sizeArgument();
const workDir = await mkdtemp(join(tmpdir(), 'samizdat-bench-'));
let cleaned: Promise<void> | undefined;
const cleanUp = () => (cleaned ??= stopAll().finally(() => rm(workDir, { recursive: true, force: true })));

const onSignal = (signal: NodeJS.Signals) => {
  process.stderr.write(`\n${signal}: stopping the servers\n`);
  void cleanUp().finally(() => process.exit(130));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

// A bound on the load part of the run, whatever hangs, started once seeding is over would be better;
// seeding the large site takes many minutes, so the bound is generous for it.
const seedAllowance = size === 'large' ? 3 * 3600 : 600;
const limitSeconds = 4 * 4 * (settings.warmup + settings.rounds * settings.duration) + 180 + seedAllowance;
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: still running after ${limitSeconds} s; stopping\n`);
  void cleanUp().finally(() => process.exit(1));
}, limitSeconds * 1000);
watchdog.unref();

try {
  await main(workDir, size, settings);
} catch (error) {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanUp();
}
