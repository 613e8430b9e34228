/**
 * `npm run bench:sizes`: does a big site serve its pages as fast as a small one? Seeds the small site
 * (1,000 posts) and the large one (100,000 posts, 1,000,000 comments) with bench/seed.ts, starts a
 * server on each, and loads the same pages of both with wrk (autocannon where wrk is missing) in
 * alternating rounds: large ÷ small is the figure, and the target is at least 0.5 for the post
 * page with 60 comments, uncached.
 *
 * `--small DIR` / `--large DIR` reuse sites seeded before (`node bench/seed.ts --size large DIR`): the
 * large seed takes a few minutes. Settings: BENCH_CONNECTIONS (32), BENCH_DURATION seconds per round
 * (10), BENCH_ROUNDS (2). `--only post,home` measures only the pages whose names start so.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, Measurement } from './load.ts';
import { freePort, HOST, startChild, stopAll, waitUntilUp } from './processes.ts';
import { seedSite, type SiteSize } from './seed.ts';

const ROOT = join(import.meta.dirname, '..');
const connections = Number(process.env.BENCH_CONNECTIONS || 32);
const duration = Number(process.env.BENCH_DURATION || 10);
const rounds = Number(process.env.BENCH_ROUNDS || 2);

interface Totals {
  requestsPerSecond: number;
  p99Ms: number;
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const hasWrk = await new Promise<boolean>((resolve) => {
  const probe = spawn('wrk', ['--version'], { stdio: 'ignore' });
  probe.on('error', () => resolve(false));
  probe.on('exit', () => resolve(true));
});

/** One wrk run: requests per second and the 99th percentile; any non-2xx answer fails the run. */
function wrk(url: string, seconds: number): Promise<Totals> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', url]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', () => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
      if (!rps || !p99) return reject(new Error(`wrk said:\n${out}`));
      if (/Non-2xx or 3xx responses/.test(out)) return reject(new Error(`errors from ${url}:\n${out}`));
      const unit = { us: 0.001, ms: 1, s: 1000 }[p99[2] as 'us' | 'ms' | 's'];
      resolve({ requestsPerSecond: Number(rps[1]), p99Ms: Number(p99[1]) * unit });
    });
  });
}

async function measure(url: string, seconds: number): Promise<Totals> {
  if (hasWrk) return wrk(url, seconds);
  const m = new Measurement();
  m.add(await load(url, connections, seconds, 10));
  const totals = m.totals();
  if (totals.failures > 0) throw new Error(`${totals.failures} failed requests at ${url}`);
  return totals;
}

async function site(size: SiteSize, workDir: string): Promise<string> {
  const given = argument(`--${size}`);
  if (given) return given;
  const dataDir = join(workDir, size);
  process.stderr.write(`seeding the ${size} site…\n`);
  const seeded = await seedSite({ size, dataDir, progress: (line) => process.stderr.write(`${line}\n`) });
  process.stderr.write(
    `  ${seeded.posts} posts, ${seeded.totalComments} comments in ${seeded.seconds.toFixed(0)} s\n`,
  );
  return dataDir;
}

async function serve(name: string, dataDir: string): Promise<string> {
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const child = startChild(name, [join(ROOT, 'bin/samizdat.js'), 'serve', '--role', 'web'], {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST,
    SITE_URL: url,
    DATABASE_URL: '',
    LOG_LEVEL: 'error',
  });
  await waitUntilUp(child, `${url}/healthz`, 60_000);
  return url;
}

const PAGES = [
  { name: 'post + 60 comments', path: '/the-amendment-and-its-readers/' },
  { name: 'home', path: '/' },
  { name: 'tag archive', path: '/tag/human-rights/' },
  { name: 'tag archive, page 50', path: '/tag/human-rights/page/50/' },
  { name: 'RSS feed', path: '/feed/' },
  { name: 'comments feed', path: '/comments/feed/' },
];

const workDir = await mkdtemp(join(tmpdir(), 'samizdat-sizes-'));
try {
  const loadBefore = loadavg();
  const dirs = { small: await site('small', workDir), large: await site('large', workDir) };
  const urls = { small: await serve('small', dirs.small), large: await serve('large', dirs.large) };
  console.log(
    `\nlarge (100,000 posts, 1,000,000 comments) vs small (1,000 posts) site, uncached, ` +
      `${hasWrk ? 'wrk' : 'autocannon'} at ${connections} connections, ${rounds} × ${duration} s each; ` +
      `load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before\n`,
  );
  console.log('page                   small req/s  large req/s  large/small  small p99   large p99');
  const only = argument('--only');
  for (const page of PAGES.filter((p) => !only || only.split(',').some((name) => p.name.startsWith(name)))) {
    for (const size of ['small', 'large'] as const) {
      const res = await fetch(urls[size] + page.path);
      if (res.status !== 200) throw new Error(`${size} ${page.path}: ${res.status}`);
      await res.arrayBuffer();
      await measure(urls[size] + page.path, 2);
    }
    const runs: Record<'small' | 'large', Totals[]> = { small: [], large: [] };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
      for (const size of order) runs[size].push(await measure(urls[size] + page.path, duration));
    }
    const mean = (list: Totals[], key: keyof Totals) => list.reduce((n, t) => n + t[key], 0) / list.length;
    const small = {
      rps: mean(runs.small, 'requestsPerSecond'),
      p99: Math.max(...runs.small.map((t) => t.p99Ms)),
    };
    const large = {
      rps: mean(runs.large, 'requestsPerSecond'),
      p99: Math.max(...runs.large.map((t) => t.p99Ms)),
    };
    console.log(
      `${page.name.padEnd(22)} ${small.rps.toFixed(0).padStart(11)}  ${large.rps.toFixed(0).padStart(11)}  ` +
        `${(large.rps / small.rps).toFixed(2).padStart(11)}  ${small.p99.toFixed(1).padStart(6)} ms  ${large.p99.toFixed(1).padStart(6)} ms`,
    );
  }
  console.log(
    `\nload average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await stopAll();
  await rm(workDir, { recursive: true, force: true });
}
