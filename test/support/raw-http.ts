import { connect, type Socket } from 'node:net';

/** A socket to a started server, collecting what it answers, for requests no HTTP client would send. */
export interface RawConnection {
  socket: Socket;
  /** Everything received so far, as latin1 text. */
  received(): string;
  closed: Promise<void>;
  isClosed(): boolean;
}

export async function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let text = '';
  let closed = false;
  socket.on('data', (data: Buffer) => {
    if (text.length < 1 << 20) text += data.toString('latin1');
  });
  // A refused connection is what some tests wait for; the error is the refusal.
  socket.on('error', () => {});
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  await Promise.race([new Promise((resolve) => socket.once('connect', resolve)), done]);
  return { socket, received: () => text, closed: done, isClosed: () => closed };
}

/** The status of the first response in `text`, or undefined before one arrived. */
export function statusOf(text: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Highest resident memory seen while `work` runs, sampled every few milliseconds. */
export async function peakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; before: number; peak: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, before, peak };
  } finally {
    clearInterval(timer);
  }
}
