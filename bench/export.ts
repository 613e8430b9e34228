/**
 * `npm run bench:export`: how fast `samizdat export wxr` and `export json` write a large site, against
 * a ceiling measured in the same run, and optionally against another checkout of Samizdat (the
 * "before" of a change). Generates the shared WordPress corpus (bench/corpus.ts), imports it into a
 * fresh SQLite site for each checkout with that checkout's own command, then times each export in
 * alternating rounds, so every checkout meets the same machine. The ceiling is a child process that
 * reads the finished export and writes the same bytes to a new file: what the disk and Node cost
 * before Samizdat does anything.
 *
 * Settings (environment): BENCH_POSTS (2000), BENCH_COMMENTS (25 per post), BENCH_ROUNDS (3),
 * BENCH_BASELINE: the root of another checkout with its node_modules installed (optional).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generate, wholeSetting as setting } from './corpus.ts';

const ROOT = join(import.meta.dirname, '..');
const FORMATS = ['wxr', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Each child reports its own peak resident set (kilobytes) as it exits. */
const REPORT_RSS =
  "data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)))";

/** Copies a file through Node streams in a child process: the ceiling an export cannot beat. */
const COPY =
  "import{createReadStream,createWriteStream}from'node:fs';import{pipeline}from'node:stream/promises';await pipeline(createReadStream(process.argv[1]),createWriteStream(process.argv[2]));";

interface Run {
  seconds: number;
  peakMb: number;
}

async function timed(args: string[], env: Record<string, string>, rssFile: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', REPORT_RSS, ...args], {
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0)
    throw new Error(`${args.slice(0, 3).join(' ')} exited with ${code}: ${stderr.slice(-2000)}`);
  return {
    seconds: (performance.now() - started) / 1000,
    peakMb: Number(await readFile(rssFile, 'utf8')) / 1024,
  };
}

interface Checkout {
  name: string;
  root: string;
  dataDir: string;
}

const samizdat = (checkout: Checkout, ...args: string[]) => [join(checkout.root, 'bin/samizdat.js'), ...args];
const siteEnv = (checkout: Checkout) => ({ DATA_DIR: checkout.dataDir, SITE_URL: 'http://localhost' });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, places = 2) => Math.round(value * 10 ** places) / 10 ** places;

async function main(): Promise<void> {
  const posts = setting('BENCH_POSTS', 2_000, 1, 1_000_000);
  const perPost = setting('BENCH_COMMENTS', 25, 0, 10_000);
  const rounds = setting('BENCH_ROUNDS', 3, 1, 50);
  const baseline = process.env['BENCH_BASELINE'] ? resolve(process.env['BENCH_BASELINE']) : null;
  const loadBefore = loadavg()[0];
  const dir = await mkdtemp(join(tmpdir(), 'samizdat-bench-export-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const file = join(dir, 'export.xml');
    console.log(`generating ${posts} posts with ${perPost} comments each…`);
    await generate(file, posts, perPost);

    const checkouts: Checkout[] = [{ name: 'this checkout', root: ROOT, dataDir: join(dir, 'site-this') }];
    if (baseline)
      checkouts.push({ name: `baseline (${baseline})`, root: baseline, dataDir: join(dir, 'site-base') });
    for (const checkout of checkouts) {
      console.log(`importing into a site for ${checkout.name}…`);
      await timed(samizdat(checkout, 'import', 'wxr', file), siteEnv(checkout), join(dir, 'rss'));
    }

    const runs = new Map<string, Run[]>();
    const record = (key: string, run: Run) => runs.set(key, [...(runs.get(key) ?? []), run]);
    const sizes = new Map<string, number>();
    for (let r = 0; r < rounds; r++) {
      // Alternate the order each round so no checkout always gets the warmer or the quieter machine.
      const order = r % 2 === 0 ? checkouts : [...checkouts].reverse();
      for (const format of FORMATS) {
        for (const checkout of order) {
          const out = join(dir, `out-${checkouts.indexOf(checkout)}.${format}`);
          record(
            `${checkout.name}\0${format}`,
            await timed(samizdat(checkout, 'export', format, out), siteEnv(checkout), join(dir, 'rss')),
          );
          sizes.set(`${checkout.name}\0${format}`, (await stat(out)).size);
          if (checkout.root === ROOT)
            record(
              `ceiling\0${format}`,
              await timed(['--input-type=module', '-e', COPY, out, join(dir, 'copy')], {}, join(dir, 'rss')),
            );
        }
      }
    }

    const rows = FORMATS.flatMap((format: Format) => {
      const ceiling = median(runs.get(`ceiling\0${format}`)!.map((x) => x.seconds));
      const mine = median(runs.get(`${checkouts[0]!.name}\0${format}`)!.map((x) => x.seconds));
      return checkouts.map((checkout) => {
        const list = runs.get(`${checkout.name}\0${format}`)!;
        const seconds = median(list.map((x) => x.seconds));
        return {
          format,
          checkout: checkout.name,
          bytes: sizes.get(`${checkout.name}\0${format}`)!,
          seconds: round(seconds),
          commentsPerSecond: Math.round((posts * perPost) / seconds),
          peakRssMb: Math.round(Math.max(...list.map((x) => x.peakMb))),
          ceilingSeconds: round(ceiling),
          ratioToCeiling: round(ceiling / seconds, 3),
          ...(checkout.root === ROOT ? {} : { thisCheckoutSpeedup: round(seconds / mine) }),
        };
      });
    });
    console.table(rows);
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg()[0],
      posts,
      comments: posts * perPost,
      rounds,
      rows,
    };
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    const out = join(ROOT, 'bench/results', `export-${result.date.replace(/[:.]/g, '-')}.json`);
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${relative(ROOT, out)}`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
