import { createClient } from 'redis';
import type { SignalTransport } from './hub.ts';

/**
 * Signals over Redis pub/sub (REDIS_URL): a publishing connection and a subscribing one. The client
 * reconnects and subscribes again by itself; each time it is ready again, the hub catches up.
 * Commands fail at once while Redis is away rather than queueing: the catch-up delivers later.
 */
export function redisTransport(
  url: string,
  channel: string,
  log: (line: string) => void = console.error,
): SignalTransport {
  const publisher = createClient({ url, disableOfflineQueue: true });
  const subscriber = publisher.duplicate();
  let lastError = '';
  const report = (error: Error) => {
    // A reconnect loop repeats the same error; say it once.
    if (error.message !== lastError) log(`samizdat: signals: Redis: ${error.message}`);
    lastError = error.message;
  };
  publisher.on('error', report);
  subscriber.on('error', report);
  return {
    name: 'Redis pub/sub',
    async send(message) {
      await publisher.publish(channel, message);
    },
    async start(onMessage, onConnected) {
      subscriber.on('ready', () => {
        lastError = '';
        onConnected();
      });
      await publisher.connect();
      await subscriber.connect();
      await subscriber.subscribe(channel, (message) => onMessage(message));
    },
    async close() {
      await Promise.allSettled([publisher.close(), subscriber.close()]);
    },
  };
}
