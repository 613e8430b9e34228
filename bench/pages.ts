/**
 * `npm run bench`: how fast Samizdat serves its reader pages, as a ratio against a ceiling measured in the
 * same run. Seeds a site, starts the real server and a bare node:http server answering the same bytes,
 * loads both with autocannon in alternating rounds, prints the ratios and writes them as JSON.
 *
 * Settings (environment): BENCH_CONNECTIONS (10), BENCH_DURATION seconds per round (5), BENCH_WARMUP
 * seconds (1), BENCH_ROUNDS per server and page (2).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { CeilingPage } from './ceiling-server.ts';
import { load, Measurement, type LoadSettings, type RunTotals } from './load.ts';
import { freePort, HOST, startChild, stopAll, waitUntilUp, type Child } from './processes.ts';
import { seedSite, type SeededSite } from './seed.ts';

const ROOT = join(import.meta.dirname, '..');

interface PageSpec {
  name: string;
  path: string;
  /** What makes the page the one we mean to measure, beyond a 200. */
  check(html: string): string | null;
}

interface PageResult {
  page: string;
  path: string;
  bytes: number;
  samizdat: RunTotals;
  ceiling: RunTotals;
  ratio: { requestsPerSecond: number; p99: number };
}

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be between ${min} and ${max}`);
  return value;
}

const count = (html: string, needle: string): number => html.split(needle).length - 1;

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
  ];
}

/** Fetches a page once as a reader would and keeps what the ceiling must send back. */
async function capture(base: string, spec: PageSpec): Promise<CeilingPage & { bytes: number }> {
  const response = await fetch(base + spec.path, {
    headers: { 'accept-encoding': 'identity' },
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const body = Buffer.from(await response.arrayBuffer());
  const html = body.toString('utf8');
  const type = response.headers.get('content-type') ?? '';
  const problem =
    response.status !== 200
      ? `status ${response.status}`
      : !type.startsWith('text/html')
        ? `content-type ${type}`
        : response.headers.has('content-encoding')
          ? 'compressed'
          : body.length < 4000
            ? `only ${body.length} bytes`
            : spec.check(html);
  if (problem) throw new Error(`${spec.name} (${spec.path}): ${problem}\n${html.slice(0, 500)}`);
  const headers: Record<string, string> = {};
  const hopByHop = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
  response.headers.forEach((value, name) => {
    if (!hopByHop.has(name)) headers[name] = value;
  });
  return { path: spec.path, headers, body: body.toString('base64'), bytes: body.length };
}

async function measurePage(
  spec: PageSpec,
  bytes: number,
  targets: { samizdat: string; ceiling: string },
  settings: LoadSettings,
): Promise<PageResult> {
  const { connections, duration, warmup, rounds, timeout } = settings;
  const measured = { samizdat: new Measurement(), ceiling: new Measurement() };
  const order = ['samizdat', 'ceiling'] as const;
  if (warmup > 0) {
    for (const server of order) await load(targets[server] + spec.path, connections, warmup, timeout);
  }
  for (let round = 0; round < rounds; round++) {
    // A B, then B A: each server goes first as often as second.
    for (const server of round % 2 === 0 ? order : [...order].reverse()) {
      process.stderr.write(`  ${spec.name}: ${server}, round ${round + 1} of ${rounds}\n`);
      measured[server].add(await load(targets[server] + spec.path, connections, duration, timeout));
    }
  }
  const samizdat = measured.samizdat.totals();
  const ceiling = measured.ceiling.totals();
  for (const [server, totals] of [
    ['Samizdat', samizdat],
    ['ceiling', ceiling],
  ] as const) {
    if (totals.failures > 0 || totals.responses === 0) {
      throw new Error(
        `${spec.name}: ${server} had ${totals.failures} failed requests of ${totals.responses}`,
      );
    }
  }
  return {
    page: spec.name,
    path: spec.path,
    bytes,
    samizdat,
    ceiling,
    ratio: {
      requestsPerSecond: samizdat.requestsPerSecond / ceiling.requestsPerSecond,
      p99: samizdat.p99Ms / ceiling.p99Ms,
    },
  };
}

function table(results: PageResult[]): string {
  const head = [
    'page',
    'bytes',
    'Samizdat req/s',
    'ceiling req/s',
    'ratio',
    'Samizdat p99',
    'ceiling p99',
    'p99 ratio',
  ];
  const rows = results.map((r) => [
    r.page,
    String(r.bytes),
    r.samizdat.requestsPerSecond.toFixed(0),
    r.ceiling.requestsPerSecond.toFixed(0),
    r.ratio.requestsPerSecond.toFixed(2),
    `${r.samizdat.p99Ms.toFixed(1)} ms`,
    `${r.ceiling.p99Ms.toFixed(1)} ms`,
    r.ratio.p99.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(workDir: string, settings: LoadSettings): Promise<void> {
  const started = Date.now();
  // Other work on the machine skews both servers' figures; the ratio less so. Kept to judge a run by.
  const loadBefore = loadavg()[0]!;

  process.stderr.write('seeding the site…\n');
  const dataDir = join(workDir, 'data');
  const site = await seedSite(dataDir, { posts: 30, comments: 60, depth: 5, seed: 20261128 });

  const port = await freePort();
  const samizdatUrl = `http://${HOST}:${port}`;
  const server = startChild('Samizdat', [join(ROOT, 'bin/samizdat.js'), 'serve'], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST,
    SITE_URL: samizdatUrl,
    // The run is SQLite in DATA_DIR, whatever the shell has set.
    DATABASE_URL: '',
    SMTP_URL: '',
    SITE_LANGUAGE: '',
  });
  await waitUntilUp(server, `${samizdatUrl}/healthz`, 30_000);

  const specs = pageSpecs(site);
  const pages: (CeilingPage & { bytes: number })[] = [];
  for (const spec of specs) pages.push(await capture(samizdatUrl, spec));
  const pagesFile = join(workDir, 'pages.json');
  await writeFile(pagesFile, JSON.stringify(pages));

  const ceilingPort = await freePort();
  const ceilingUrl = `http://${HOST}:${ceilingPort}`;
  const ceiling: Child = startChild('ceiling', [join(ROOT, 'bench/ceiling-server.ts'), pagesFile], {
    PORT: String(ceilingPort),
    HOST,
  });
  await waitUntilUp(ceiling, `${ceilingUrl}${specs[0]!.path}`, 15_000);
  for (const page of pages) {
    const echoed = Buffer.from(await (await fetch(ceilingUrl + page.path)).arrayBuffer());
    if (!echoed.equals(Buffer.from(page.body, 'base64')))
      throw new Error(`the ceiling does not echo ${page.path}`);
  }

  const results: PageResult[] = [];
  for (const [i, spec] of specs.entries()) {
    results.push(
      await measurePage(spec, pages[i]!.bytes, { samizdat: samizdatUrl, ceiling: ceilingUrl }, settings),
    );
  }
  await stopAll();

  const report = {
    benchmark: 'pages',
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    settings: {
      ...settings,
      pipelining: 1,
      order: 'warm-up both, then rounds alternating A B / B A',
      host: HOST,
    },
    site: {
      posts: site.posts,
      words: site.words,
      comments: site.comments,
      deepestComment: site.deepestComment,
      postsInTag: site.postsInTag,
    },
    loadAverage: { before: loadBefore, after: loadavg()[0]! },
    pages: results,
    seconds: (Date.now() - started) / 1000,
  };
  const resultsDir = join(ROOT, 'bench/results');
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `pages-${report.date.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(
    `\nSamizdat reader pages vs a bare node:http server sending the same bytes ` +
      `(${settings.connections} connections, ${settings.rounds} × ${settings.duration} s each, ` +
      `node ${process.version}, ${report.cpus} CPUs, load average ${loadBefore.toFixed(1)} before)\n`,
  );
  console.log(table(results));
  console.log(
    `\nratio = Samizdat / ceiling: 1.00 would be as fast as serving a ready file; p99 ratio above 1 is slower.`,
  );
  console.log(`wrote ${relative(process.cwd(), file)} in ${report.seconds.toFixed(0)} s`);
}

const settings: LoadSettings = {
  connections: setting('BENCH_CONNECTIONS', 10, 1, 256),
  duration: setting('BENCH_DURATION', 5, 1, 60),
  warmup: setting('BENCH_WARMUP', 1, 0, 30),
  rounds: setting('BENCH_ROUNDS', 2, 1, 10),
  timeout: 10,
};
const workDir = await mkdtemp(join(tmpdir(), 'samizdat-bench-'));
let cleaned: Promise<void> | undefined;
const cleanUp = () => (cleaned ??= stopAll().finally(() => rm(workDir, { recursive: true, force: true })));

const onSignal = (signal: NodeJS.Signals) => {
  process.stderr.write(`\n${signal}: stopping the servers\n`);
  void cleanUp().finally(() => process.exit(130));
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

// A bound on the whole run, whatever hangs: the planned load time of three pages, and two minutes more.
const limitSeconds = 3 * 2 * (settings.warmup + settings.rounds * settings.duration) + 120;
const watchdog = setTimeout(() => {
  process.stderr.write(`bench: still running after ${limitSeconds} s; stopping\n`);
  void cleanUp().finally(() => process.exit(1));
}, limitSeconds * 1000);
watchdog.unref();

try {
  await main(workDir, settings);
} catch (error) {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await cleanUp();
}
