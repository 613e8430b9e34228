/**
 * A bounded load on loopback, 95% reads and 5% comments posted as a browser posts them, against the
 * real server (`samizdat serve`), optionally killed with SIGKILL and started again halfway. What it
 * proves: no answer is a server error, resident memory stays flat once warm, and every comment the
 * server acknowledged with its 303 is in the database afterwards. `npm run load` runs it on SQLite
 * and PostgreSQL, each without and with the kill; test/load.test.ts runs a short version.
 */
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { openStorage } from '../src/storage/index.ts';
import { postComment, readCommentForm, type CommentForm } from './comment-form.ts';
import { freePort, HOST, startChild, waitUntilUp, type Child } from './processes.ts';
import { seedSite, type SeedOptions } from './seed.ts';
import { random, type Rng } from './text.ts';

const ROOT = join(import.meta.dirname, '..');
const MB = 1024 * 1024;

export interface LoadOptions {
  /** A fresh, empty data folder (SQLite's database, media). */
  dataDir: string;
  /** Absent: SQLite in `dataDir`; else an empty PostgreSQL database. */
  databaseUrl?: string;
  seconds: number;
  /** Readers at once (default 16). */
  connections?: number;
  /** Kill the server with SIGKILL at half time and start it again. */
  kill?: boolean;
  /** The site to seed (default 300 posts, a few comments each). */
  site?: SeedOptions;
  /** Share of requests that post a comment (default 0.05). */
  commentShare?: number;
  progress?: (line: string) => void;
}

export interface LoadReport {
  dialect: 'sqlite' | 'postgres';
  killed: boolean;
  seconds: number;
  reads: number;
  /** Comment posts answered, by status (303 accepted, 422 refused, 429 limited). */
  posts: Record<string, number>;
  /** Requests that found no server (while it was down after the kill). */
  unavailable: number;
  /** Answers 5xx, or a status no reader should get: each is a failure. */
  failures: string[];
  /** Acknowledged comments (303) not found in the database afterwards, or found changed. */
  missing: number[];
  acknowledged: number;
  memory: { warmMb: number; lastMb: number; samples: number; flat: boolean; trace: number[] };
  requestsPerSecond: number;
}

const DEFAULT_SITE: SeedOptions = { posts: 300, comments: 60, depth: 5, seed: 20261204, totalComments: 1200 };

/** Resident memory of a process, from /proc (Linux); undefined where there is none. */
async function rss(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** The reader pages of the seeded site, to pick from. */
async function readerPaths(base: string): Promise<{ pages: string[]; posts: string[] }> {
  const sitemap = await (await fetch(`${base}/sitemap-posts-1.xml`)).text();
  const posts = [...sitemap.matchAll(/<loc>[^<]*?(\/[^<]*)<\/loc>/g)].map(
    (m) => new URL(m[1]!, base).pathname,
  );
  return {
    posts,
    pages: ['/', '/page/2/', '/tag/human-rights/', '/tag/human-rights/page/3/', '/feed/', '/comments/feed/'],
  };
}

interface Server {
  url: string;
  child: Child;
}

async function startServer(options: LoadOptions, port: number): Promise<Server> {
  const url = `http://${HOST}:${port}`;
  const child = startChild('samizdat', [join(ROOT, 'bin/samizdat.js'), 'serve'], {
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl ?? '',
    PORT: String(port),
    HOST,
    SITE_URL: url,
    // Each simulated reader comes from its own address, as through a proxy, so the per-address
    // comment limits apply per reader and not to the whole test at once.
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'error',
    SMTP_URL: '',
  });
  await waitUntilUp(child, `${url}/healthz`, 30_000);
  return { url, child };
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const progress = options.progress ?? (() => {});
  const dialect = options.databaseUrl ? 'postgres' : 'sqlite';
  progress(`${dialect}: seeding`);
  await seedSite(options.dataDir, { ...(options.site ?? DEFAULT_SITE), databaseUrl: options.databaseUrl });
  // Comments are posted as fast as a reader could never type them: no minimum fill time here.
  {
    const storage = await openStorage({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
    await storage.settings.set('commentMinFillSeconds', 0);
    await storage.close();
  }

  const port = await freePort();
  let server: Server | undefined = await startServer(options, port);
  const origin = server.url;
  const { pages, posts } = await readerPaths(origin);
  const forms = new Map<string, CommentForm>();
  for (const path of posts.slice(0, 20)) forms.set(path, await readCommentForm(origin + path));

  const report: LoadReport = {
    dialect,
    killed: false,
    seconds: options.seconds,
    reads: 0,
    posts: {},
    unavailable: 0,
    failures: [],
    missing: [],
    acknowledged: 0,
    memory: { warmMb: 0, lastMb: 0, samples: 0, flat: true, trace: [] },
    requestsPerSecond: 0,
  };
  const acknowledged = new Map<number, string>();
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  const share = options.commentShare ?? 0.05;
  let down = false;
  let sequence = 0;

  // Memory of the server life that lasts to the end (after the kill, the restarted one).
  let lives: { at: number; bytes: number }[][] = [[]];
  const sampler = (async () => {
    while (Date.now() < deadline) {
      const bytes = await rss(server?.child.process.pid);
      if (bytes !== undefined && !down) lives.at(-1)!.push({ at: Date.now(), bytes });
      await sleep(500);
    }
  })();

  const reader = async (rng: Rng, n: number) => {
    // Each comment comes from another reader (as in a crowd), each reading connection from one.
    const someone = () => `10.${n}.${Math.floor(rng() * 250)}.${1 + Math.floor(rng() * 250)}`;
    const address = someone();
    while (Date.now() < deadline) {
      const base = server?.url;
      if (!base || down) {
        await sleep(50);
        continue;
      }
      const posting = rng() < share;
      const path =
        rng() < 0.5 ? pages[Math.floor(rng() * pages.length)]! : posts[Math.floor(rng() * posts.length)]!;
      try {
        if (posting) {
          const formPath = [...forms.keys()][Math.floor(rng() * forms.size)]!;
          const id = ++sequence;
          const text = `Load comment ${id} from reader ${n}: ${Math.floor(rng() * 1e9).toString(36)}`;
          const answer = await postComment(base, origin, forms.get(formPath)!, {
            author: `Reader ${n}`,
            email: `reader${n}@example.org`,
            comment: text,
            forwardedFor: someone(),
          });
          report.posts[answer.status] = (report.posts[answer.status] ?? 0) + 1;
          if (answer.status === 303 && answer.commentId !== undefined)
            acknowledged.set(answer.commentId, text);
          else if (![303, 422, 429].includes(answer.status))
            report.failures.push(`POST /comments: ${answer.status}`);
        } else {
          const res = await fetch(base + path, {
            headers: { 'x-forwarded-for': address },
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          report.reads++;
          if (res.status !== 200) report.failures.push(`GET ${path}: ${res.status}`);
        }
      } catch (error) {
        // Only while the server is being killed may a request find nobody (or lose its answer).
        if (report.killed || down) report.unavailable++;
        else
          report.failures.push(`${posting ? 'POST /comments' : `GET ${path}`}: ${(error as Error).message}`);
      }
    }
  };

  const killer = (async () => {
    if (!options.kill) return;
    await sleep(options.seconds * 500);
    progress(`${dialect}: SIGKILL`);
    report.killed = true;
    down = true;
    const doomed = server!;
    server = undefined;
    doomed.child.process.kill('SIGKILL');
    await new Promise((resolve) => doomed.child.process.once('exit', resolve));
    await doomed.child.stop();
    server = await startServer(options, port);
    lives.push([]);
    down = false;
    progress(`${dialect}: back after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  })();

  const connections = options.connections ?? 16;
  await Promise.all([
    ...Array.from({ length: connections }, (_, n) => reader(random(1000 + n), n)),
    killer,
    sampler,
  ]);
  const elapsed = (Date.now() - started) / 1000;
  await server?.child.stop();

  // Every acknowledged comment, read back from the database.
  const storage = await openStorage({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    for (const [id, text] of acknowledged) {
      const stored = await storage.comments.findById(id);
      if (stored?.source !== text) report.missing.push(id);
    }
  } finally {
    await storage.close();
  }
  report.acknowledged = acknowledged.size;
  report.requestsPerSecond =
    (report.reads + Object.values(report.posts).reduce((a, b) => a + b, 0)) / elapsed;
  // A restarted server is warming up again: whether memory stays flat is the steady run's question.
  report.memory = memoryTrend(lives.at(-1)!, !report.killed);
  lives = [];
  return report;
}

/** Samples (every 0.5 s) of warming up: the first quarter of the run, and at least 10 s. */
const WARM_UP_SAMPLES = 20;

/**
 * Flat: the most the server held in the last third of its life is within 15% (and at least 32 MB)
 * of the most it held in the first third after warming up.
 */
function memoryTrend(samples: { bytes: number }[], judge: boolean): LoadReport['memory'] {
  const trace = samples.map((s) => Math.round(s.bytes / MB));
  const warm = samples.slice(Math.max(WARM_UP_SAMPLES, Math.floor(samples.length / 4)));
  if (warm.length < 3) return { warmMb: 0, lastMb: 0, samples: samples.length, flat: !judge, trace };
  const third = Math.max(1, Math.floor(warm.length / 3));
  const early = Math.max(...warm.slice(0, third).map((s) => s.bytes));
  const late = Math.max(...warm.slice(-third).map((s) => s.bytes));
  return {
    warmMb: early / MB,
    lastMb: late / MB,
    samples: samples.length,
    flat: !judge || late <= early + Math.max(32 * MB, early * 0.15),
    trace,
  };
}

/** What went wrong in a run, one line each; empty when it held. */
export function problems(report: LoadReport): string[] {
  const lines = [...new Set(report.failures)].slice(0, 10);
  if (report.failures.length > 0)
    lines.unshift(`${report.failures.length} server errors or unexpected answers`);
  if (report.missing.length > 0)
    lines.push(
      `${report.missing.length} acknowledged comments missing: ${report.missing.slice(0, 10).join(', ')}`,
    );
  if (!report.memory.flat)
    lines.push(
      `memory grew from ${report.memory.warmMb.toFixed(0)} MB to ${report.memory.lastMb.toFixed(0)} MB`,
    );
  if (report.acknowledged === 0) lines.push('no comment was acknowledged: the run proves nothing');
  if (report.reads === 0) lines.push('no page was read');
  return lines;
}

/**
 * `npm run load [-- --seconds 180] [--only sqlite|postgres]`: each database without and with a kill.
 * PostgreSQL: a database is created for each run and dropped after, through LOAD_POSTGRES_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres, a user that may create databases).
 */
if (import.meta.main) {
  const { mkdtemp, rm } = await import('node:fs/promises');
  const { loadavg, tmpdir } = await import('node:os');
  const pg = (await import('pg')).default;
  const argument = (name: string) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const seconds = Number(argument('--seconds') ?? process.env.LOAD_SECONDS ?? 180);
  const only = argument('--only');
  const admin = process.env.LOAD_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const withAdmin = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  let failed = false;
  console.log(
    `load: ${seconds} s per run, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const dialect of ['sqlite', 'postgres'] as const) {
    if (only && only !== dialect) continue;
    for (const kill of [false, true]) {
      const dataDir = await mkdtemp(join(tmpdir(), 'samizdat-load-'));
      const name = `samizdat_load_${process.pid}_${kill ? 'kill' : 'steady'}`;
      let databaseUrl: string | undefined;
      try {
        if (dialect === 'postgres') {
          await withAdmin(`create database ${name}`);
          const url = new URL(admin);
          url.pathname = `/${name}`;
          databaseUrl = url.toString();
        }
        const report = await runLoad({
          dataDir,
          databaseUrl,
          seconds,
          kill,
          progress: (line) => console.error(`  ${line}`),
        });
        const found = problems(report);
        failed ||= found.length > 0;
        const posts = Object.entries(report.posts)
          .map(([status, n]) => `${n}×${status}`)
          .join(' ');
        console.log(
          `${dialect}${kill ? ' + SIGKILL' : ''}: ${report.requestsPerSecond.toFixed(0)} req/s, ` +
            `${report.reads} reads, posts ${posts}, ${report.acknowledged} acknowledged, ` +
            `${report.missing.length} missing, ${report.failures.length} errors, ${report.unavailable} while down, ` +
            `RSS ${report.memory.warmMb.toFixed(0)} → ${report.memory.lastMb.toFixed(0)} MB: ` +
            (found.length === 0 ? 'held' : `FAILED\n    ${found.join('\n    ')}`),
        );
      } finally {
        await rm(dataDir, { recursive: true, force: true });
        if (databaseUrl) await withAdmin(`drop database if exists ${name} with (force)`);
      }
    }
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  process.exitCode = failed ? 1 : 0;
}
