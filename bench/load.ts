/** Load runs with autocannon, keeping every response's latency so rounds can be merged exactly. */
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
