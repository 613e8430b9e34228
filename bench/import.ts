/**
 * `npm run bench:import`: how fast `samizdat import wxr` brings in a large WordPress export, and how
 * much memory it needs. Generates an export (20,000 posts and 500,000 comments by default, Russian
 * text, threads 12 deep), imports it into a fresh SQLite site with the real command in a child
 * process, and prints items per second and the child's peak resident memory, which must stay under
 * 300 MB however large the file. Writes the figures to bench/results/import-<timestamp>.json.
 *
 * Settings (environment): BENCH_POSTS (20000), BENCH_COMMENTS (25 per post).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { once } from 'node:events';
import { generate } from './corpus.ts';

const ROOT = join(import.meta.dirname, '..');
const LIMIT_MB = 300;

function setting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number between ${min} and ${max}`);
  return value;
}

/** Each child reports its own peak resident set (kilobytes) as it exits: a poll could miss the peak. */
const REPORT_RSS =
  "data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)))";

async function runImport(
  file: string,
  dataDir: string,
  rssFile: string,
): Promise<{ stdout: string; seconds: number; peakMb: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', REPORT_RSS, join(ROOT, 'bin/samizdat.js'), 'import', 'wxr', file, '--json'],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SITE_URL: 'http://localhost',
        BENCH_RSS_FILE: rssFile,
        DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`samizdat import exited with ${code}`);
  const seconds = (performance.now() - started) / 1000;
  return { stdout, seconds, peakMb: Number(await readFile(rssFile, 'utf8')) / 1024 };
}

async function main(): Promise<void> {
  const posts = setting('BENCH_POSTS', 20_000, 1, 1_000_000);
  const perPost = setting('BENCH_COMMENTS', 25, 0, 10_000);
  const loadBefore = loadavg()[0];
  const dir = await mkdtemp(join(tmpdir(), 'samizdat-bench-import-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const file = join(dir, 'export.xml');
    console.log(`generating ${posts} posts with ${perPost} comments each…`);
    let t = performance.now();
    await generate(file, posts, perPost);
    const bytes = (await stat(file)).size;
    console.log(`  ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    console.log('importing with `samizdat import wxr` in a child process…');
    const run = await runImport(file, join(dir, 'data'), join(dir, 'rss'));
    const report = JSON.parse(run.stdout);
    const comments = Object.values(report.imported.comments as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    if (report.imported.posts !== posts || comments !== posts * perPost)
      throw new Error(
        `imported ${report.imported.posts} posts and ${comments} comments, expected ${posts} and ${posts * perPost}`,
      );
    const result = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg()[0],
      fileMb: Math.round(bytes / 1e6),
      posts,
      comments,
      seconds: Math.round(run.seconds * 10) / 10,
      postsPerSecond: Math.round(posts / run.seconds),
      commentsPerSecond: Math.round(comments / run.seconds),
      rowsPerSecond: Math.round((posts + comments) / run.seconds),
      peakRssMb: Math.round(run.peakMb),
      limitMb: LIMIT_MB,
    };
    console.log(
      `  ${result.seconds} s: ${result.postsPerSecond} posts/s, ${result.commentsPerSecond} comments/s ` +
        `(${result.rowsPerSecond} posts and comments per second), peak memory ${result.peakRssMb} MB (limit ${LIMIT_MB} MB)`,
    );
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    const out = join(ROOT, 'bench/results', `import-${result.date.replace(/[:.]/g, '-')}.json`);
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${relative(ROOT, out)}`);
    t = run.peakMb;
    if (t >= LIMIT_MB) throw new Error(`peak memory ${Math.round(t)} MB is over the ${LIMIT_MB} MB limit`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
