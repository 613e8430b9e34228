/**
 * Load runs: with wrk where it is installed (`round`), or autocannon, which also keeps every
 * response's latency so rounds can be merged exactly (`load`, `Measurement`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  /** Seconds of each measured round, per server. */
  duration: number;
  /** Seconds of unmeasured load before a page's rounds, per server. */
  warmup: number;
  /** Measured rounds per page and server, in the order A B B A …, so neither server runs on a warmer machine. */
  rounds: number;
  /** A request taking longer than this counts as an error (seconds). */
  timeout: number;
}

export interface RunTotals {
  /** 2xx responses per second over the measured time. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  responses: number;
  seconds: number;
  /** Connection errors, timeouts and non-2xx answers: any of these fails the benchmark. */
  failures: number;
}

/** Most latencies one run keeps: far above what one machine answers in a round, and a bound on memory. */
const MAX_SAMPLES = 1_000_000;

/** One server's rounds on one page, merged: the percentiles are over every response of every round. */
export class Measurement {
  private runs: RunResult[] = [];

  add(run: RunResult): void {
    this.runs.push(run);
  }

  totals(): RunTotals {
    const sorted = new Float64Array(this.runs.reduce((n, r) => n + r.latencies.length, 0));
    let offset = 0;
    for (const run of this.runs) {
      sorted.set(run.latencies, offset);
      offset += run.latencies.length;
    }
    sorted.sort();
    const at = (q: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]! : NaN);
    const ok = this.runs.reduce((n, r) => n + r.ok, 0);
    const seconds = this.runs.reduce((n, r) => n + r.seconds, 0);
    return {
      requestsPerSecond: seconds > 0 ? ok / seconds : 0,
      p50Ms: at(0.5),
      p99Ms: at(0.99),
      maxMs: at(1),
      responses: ok,
      seconds,
      failures: this.runs.reduce((n, r) => n + r.failures, 0),
    };
  }
}

export interface RunResult {
  latencies: Float64Array;
  ok: number;
  seconds: number;
  failures: number;
}

/** One fixed-duration run against `url`; resolves with the 2xx latencies (ms) and counts. */
export function load(
  url: string,
  connections: number,
  duration: number,
  timeout: number,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url, connections, duration, timeout, pipelining: 1 }, (error, result) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      resolve({
        latencies: Float64Array.from(latencies),
        ok: result['2xx'],
        seconds: result.duration,
        failures: result.errors + result.timeouts + result.non2xx,
      });
    });
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300 && latencies.length < MAX_SAMPLES)
        latencies.push(responseTime);
    });
  });
}

/** One measured round's figures, whichever tool measured it. */
export interface RoundFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  responses: number;
  seconds: number;
  /** Socket errors, timeouts and non-2xx answers: any of these fails the benchmark. */
  failures: number;
}

export type LoadTool = 'wrk' | 'autocannon';

const WRK = '/usr/bin/wrk';

/** wrk where it is installed (it loads far harder than a Node client can); autocannon elsewhere. */
export function loadTool(): LoadTool {
  return existsSync(WRK) ? 'wrk' : 'autocannon';
}

export interface RoundSettings {
  connections: number;
  duration: number;
  timeout: number;
  headers: Record<string, string>;
}

/** One fixed-duration round against `url` with the given tool. */
export async function round(tool: LoadTool, url: string, settings: RoundSettings): Promise<RoundFigures> {
  if (tool === 'wrk') return wrkRound(url, settings);
  const run = await new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(
      {
        url,
        connections: settings.connections,
        duration: settings.duration,
        timeout: settings.timeout,
        headers: settings.headers,
        pipelining: 1,
      },
      (error, result) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    ),
  );
  return {
    requestsPerSecond: run['2xx'] / run.duration,
    p50Ms: run.latency.p50,
    p99Ms: run.latency.p99,
    responses: run['2xx'],
    seconds: run.duration,
    failures: run.errors + run.timeouts + run.non2xx,
  };
}

const UNITS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** A wrk duration (`812.00us`, `1.23ms`, `2.01s`) in milliseconds. */
function ms(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) throw new Error(`wrk: unreadable latency "${text}"`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

async function wrkRound(url: string, settings: RoundSettings): Promise<RoundFigures> {
  const args = [
    '-t',
    String(Math.min(2, settings.connections)),
    '-c',
    String(settings.connections),
    '-d',
    `${settings.duration}s`,
    '--timeout',
    `${settings.timeout}s`,
    '--latency',
    ...Object.entries(settings.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    url,
  ];
  const child = spawn(WRK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`wrk exited with ${code}:\n${out}`);
  const number = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
  const responses = number(/(\d+) requests in/);
  const seconds = ms(/requests in ([\d.]+\w+),/.exec(out)?.[1] ?? '') / 1000;
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = number(/Non-2xx or 3xx responses: (\d+)/) || 0;
  const failures = non2xx + (socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0);
  return {
    requestsPerSecond: (responses - non2xx) / seconds,
    p50Ms: ms(/\n\s+50%\s+(\S+)/.exec(out)?.[1] ?? ''),
    p99Ms: ms(/\n\s+99%\s+(\S+)/.exec(out)?.[1] ?? ''),
    responses: responses - non2xx,
    seconds,
    failures,
  };
}

/** Rounds of one server on one page: requests per second over all of them, the worst p99 of any. */
export function combine(rounds: RoundFigures[]): RoundFigures {
  const responses = rounds.reduce((n, r) => n + r.responses, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  return {
    requestsPerSecond: seconds > 0 ? responses / seconds : 0,
    p50Ms: Math.max(...rounds.map((r) => r.p50Ms)),
    p99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    responses,
    seconds,
    failures: rounds.reduce((n, r) => n + r.failures, 0),
  };
}
