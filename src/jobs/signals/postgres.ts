import pg from 'pg';
import type { SignalTransport } from './hub.ts';

export const POSTGRES_CHANNEL = 'samizdat_events';

/**
 * Signals over PostgreSQL LISTEN/NOTIFY: one connection held open for listening, reopened after a
 * failure (each reopening triggers a catch-up), and NOTIFY sent through the storage's pool.
 */
export function postgresTransport(
  url: string,
  notify: (channel: string, message: string) => Promise<void>,
  log: (line: string) => void = console.error,
): SignalTransport {
  let client: pg.Client | undefined;
  let closed = false;
  let retryMs = 500;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function connect(onMessage: (m: string) => void, onConnected: () => void): Promise<void> {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (n) => {
      if (n.channel === POSTGRES_CHANNEL && n.payload !== undefined) onMessage(n.payload);
    });
    let lost = false;
    const reconnect = (error?: Error) => {
      if (lost || closed) return;
      lost = true;
      client = undefined;
      if (error) log(`samizdat: signals: PostgreSQL listener lost (${error.message}); reconnecting`);
      void next.end().catch(() => {});
      timer = setTimeout(() => {
        connect(onMessage, onConnected).catch((e: Error) => {
          log(`samizdat: signals: PostgreSQL listener: ${e.message}`);
          retryMs = Math.min(retryMs * 2, 30_000);
          reconnect();
        });
      }, retryMs);
    };
    next.on('error', reconnect);
    next.on('end', () => reconnect());
    try {
      await next.connect();
      await next.query(`listen ${POSTGRES_CHANNEL}`);
    } catch (error) {
      lost = true;
      void next.end().catch(() => {});
      throw error;
    }
    client = next;
    retryMs = 500;
    onConnected();
  }

  return {
    name: 'PostgreSQL LISTEN/NOTIFY',
    send: (message) => notify(POSTGRES_CHANNEL, message),
    start: (onMessage, onConnected) => connect(onMessage, onConnected),
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
