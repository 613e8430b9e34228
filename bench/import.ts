/**
 * `npm run bench:import`: how fast `samizdat import wxr` brings in a large WordPress export, and how
 * much memory it needs. Generates an export (20,000 posts and 500,000 comments by default, Russian
 * text, threads 12 deep), imports it into a fresh SQLite site with the real command in a child
 * process, and prints items per second (wall and CPU time) and the child's peak resident memory, which must stay under
 * 300 MB however large the file. Writes the figures to bench/results/import-<timestamp>.json.
 *
 * Settings (environment): BENCH_POSTS (20000), BENCH_COMMENTS (25 per post), BENCH_DATABASE
 * (`sqlite`, or `postgres` for a fresh database made on BENCH_POSTGRES_URL, by default the local
 * server), BENCH_FILE (an export to keep and reuse between runs; generated there if missing).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { generate, wholeSetting as setting } from './corpus.ts';

const ROOT = join(import.meta.dirname, '..');
const LIMIT_MB = 300;
/**
 * Each child reports its own peak resident set (kilobytes) and CPU time (microseconds, user and
 * system, all threads) as it exits: a poll could miss the peak.
 */
const REPORT_USAGE =
  "data:text/javascript,import{writeFileSync}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();writeFileSync(process.env.BENCH_USAGE_FILE,JSON.stringify({rss:u.maxRSS,cpu:u.userCPUTime+u.systemCPUTime}))})";

interface Run {
  stdout: string;
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
}

async function runImport(
  file: string,
  dataDir: string,
  usageFile: string,
  databaseUrl: string,
): Promise<Run> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', REPORT_USAGE, join(ROOT, 'bin/samizdat.js'), 'import', 'wxr', file, '--json'],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        SITE_URL: 'http://localhost',
        BENCH_USAGE_FILE: usageFile,
        DATABASE_URL: databaseUrl,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`samizdat import exited with ${code}`);
  const seconds = (performance.now() - started) / 1000;
  const usage = JSON.parse(await readFile(usageFile, 'utf8')) as { rss: number; cpu: number };
  return { stdout, seconds, cpuSeconds: usage.cpu / 1e6, peakMb: usage.rss / 1024 };
}

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL database for one run (the child migrates it), and how to drop it. */
async function postgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `samizdat_bench_import_${process.pid}`;
  await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

async function main(): Promise<void> {
  const posts = setting('BENCH_POSTS', 20_000, 1, 1_000_000);
  const perPost = setting('BENCH_COMMENTS', 25, 0, 10_000);
  const database = process.env.BENCH_DATABASE || 'sqlite';
  if (database !== 'sqlite' && database !== 'postgres')
    throw new Error('BENCH_DATABASE must be sqlite or postgres');
  const loadBefore = loadavg()[0] ?? 0;
  const dir = await mkdtemp(join(tmpdir(), 'samizdat-bench-import-'));
  const postgres =
    database === 'postgres'
      ? await postgresDatabase(process.env.BENCH_POSTGRES_URL || POSTGRES_ADMIN_URL)
      : undefined;
  const cleanup = async () => {
    await rm(dir, { recursive: true, force: true });
    await postgres?.drop();
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    const kept = process.env.BENCH_FILE;
    const file = kept || join(dir, 'export.xml');
    const t = performance.now();
    if (kept && (await stat(kept).catch(() => undefined))) {
      console.log(
        `reusing ${kept} (it must have been generated with the same BENCH_POSTS and BENCH_COMMENTS)`,
      );
    } else {
      console.log(`generating ${posts} posts with ${perPost} comments each…`);
      await generate(file, posts, perPost);
      console.log(`  in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const bytes = (await stat(file)).size;
    console.log(`  ${(bytes / 1e6).toFixed(0)} MB`);

    console.log(`importing with \`samizdat import wxr\` into ${database} in a child process…`);
    const run = await runImport(file, join(dir, 'data'), join(dir, 'usage'), postgres?.url ?? '');
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
      database,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadavg()[0],
      fileMb: Math.round(bytes / 1e6),
      posts,
      comments,
      seconds: Math.round(run.seconds * 10) / 10,
      cpuSeconds: Math.round(run.cpuSeconds * 10) / 10,
      postsPerSecond: Math.round(posts / run.seconds),
      commentsPerSecond: Math.round(comments / run.seconds),
      commentsPerCpuSecond: Math.round(comments / run.cpuSeconds),
      rowsPerSecond: Math.round((posts + comments) / run.seconds),
      peakRssMb: Math.round(run.peakMb),
      limitMb: LIMIT_MB,
    };
    console.log(
      `  ${result.seconds} s (${result.cpuSeconds} s of CPU in the importer): ${result.postsPerSecond} posts/s, ` +
        `${result.commentsPerSecond} comments/s (${result.commentsPerCpuSecond} per CPU second), ` +
        `peak memory ${result.peakRssMb} MB (limit ${LIMIT_MB} MB), load average ${loadBefore.toFixed(2)} before`,
    );
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    const out = join(ROOT, 'bench/results', `import-${result.date.replace(/[:.]/g, '-')}.json`);
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`written to ${relative(ROOT, out)}`);
    if (run.peakMb >= LIMIT_MB)
      throw new Error(`peak memory ${Math.round(run.peakMb)} MB is over the ${LIMIT_MB} MB limit`);
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
