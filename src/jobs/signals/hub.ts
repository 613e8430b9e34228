import type { Signals } from '../../core/ports/signals.ts';
import type { OutboxEvent, OutboxRepository } from '../../core/ports/storage.ts';

/** How signals travel between instances: PostgreSQL NOTIFY, Redis pub/sub, or within one process. */
export interface SignalTransport {
  readonly name: string;
  /** Sends one message to every instance listening, this one included. */
  send(message: string): Promise<void>;
  /** Starts listening; `onConnected` runs after the first connection and after every reconnect. */
  start(onMessage: (message: string) => void, onConnected: () => void): Promise<void>;
  close(): Promise<void>;
}

export interface SignalHubOptions {
  /**
   * Besides catching up on reconnect, read missed events this often: a publisher that died between
   * dispatching events and sending them leaves no trace a connection could notice.
   */
  catchUpMs?: number;
  /**
   * Catch-up re-reads this many event ids below the last one seen: on PostgreSQL a transaction that
   * committed late can be dispatched after a later id. Events seen already are not delivered twice.
   */
  overlap?: number;
  log?: (line: string) => void;
}

/** PostgreSQL NOTIFY payloads stop at 8000 bytes; stay well below with room for escaping. */
const MESSAGE_BYTES = 6000;
const CATCH_UP_PAGE = 500;

/**
 * The signals port over a transport, with catch-up: each instance remembers the events it has been
 * told of and reads the dispatched events it has not, from the outbox, when its connection comes
 * back (and every `catchUpMs`). A missed signal is healed, never trusted away.
 */
export class SignalHub implements Signals {
  readonly #outbox: Pick<OutboxRepository, 'dispatchedAfter' | 'lastId'>;
  readonly #transport: SignalTransport;
  readonly #listeners = new Set<(event: OutboxEvent) => void>();
  readonly #seen = new Set<number>();
  readonly #options: Required<SignalHubOptions>;
  #last = 0;
  #started = false;
  #timer: ReturnType<typeof setInterval> | undefined;
  #catchingUp: Promise<void> | undefined;

  constructor(
    outbox: Pick<OutboxRepository, 'dispatchedAfter' | 'lastId'>,
    transport: SignalTransport,
    options: SignalHubOptions = {},
  ) {
    this.#outbox = outbox;
    this.#transport = transport;
    this.#options = { catchUpMs: 30_000, overlap: 100, log: console.error, ...options };
  }

  get transport(): string {
    return this.#transport.name;
  }

  /** Starts listening. Events before this moment are not delivered: caches start empty. */
  async start(): Promise<void> {
    this.#last = await this.#outbox.lastId();
    await this.#transport.start(
      (message) => this.#receive(message),
      () => {
        if (this.#started) void this.catchUp();
      },
    );
    this.#started = true;
    this.#timer = setInterval(() => void this.catchUp(), this.#options.catchUpMs);
    this.#timer.unref();
  }

  async publish(events: OutboxEvent[]): Promise<void> {
    let batch: string[] = [];
    let bytes = 2;
    const flush = async () => {
      if (batch.length) await this.#transport.send(`[${batch.join(',')}]`);
      batch = [];
      bytes = 2;
    };
    for (const event of events) {
      const json = JSON.stringify(event);
      // An event too large for one message goes as its id alone; receivers read it from the outbox.
      const item = Buffer.byteLength(json) > MESSAGE_BYTES ? JSON.stringify({ id: event.id }) : json;
      if (bytes + Buffer.byteLength(item) + 1 > MESSAGE_BYTES) await flush();
      batch.push(item);
      bytes += Buffer.byteLength(item) + 1;
    }
    await flush();
  }

  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Reads and delivers every dispatched event not seen yet (also run on reconnect and on a timer). */
  catchUp(): Promise<void> {
    this.#catchingUp ??= this.#readMissed().finally(() => (this.#catchingUp = undefined));
    return this.#catchingUp;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#catchingUp;
    await this.#transport.close();
  }

  async #readMissed(): Promise<void> {
    try {
      let after = Math.max(0, this.#last - this.#options.overlap);
      for (;;) {
        const events = await this.#outbox.dispatchedAfter(after, CATCH_UP_PAGE);
        for (const event of events) this.#deliver(event);
        if (events.length < CATCH_UP_PAGE) return;
        after = events.at(-1)!.id;
      }
    } catch (error) {
      this.#options.log(`samizdat: signals: catching up failed: ${(error as Error).message}`);
    }
  }

  #receive(message: string): void {
    let items: Array<Partial<OutboxEvent> & { id: number; createdAt?: string | Date }>;
    try {
      items = JSON.parse(message) as typeof items;
    } catch {
      return this.#options.log('samizdat: signals: ignored a message that is not JSON');
    }
    for (const item of items) {
      if (item.type === undefined) void this.catchUp();
      else this.#deliver({ ...(item as OutboxEvent), createdAt: new Date(item.createdAt ?? 0) });
    }
  }

  #deliver(event: OutboxEvent): void {
    if (this.#seen.has(event.id)) return;
    this.#seen.add(event.id);
    this.#last = Math.max(this.#last, event.id);
    // Remember only ids a catch-up can still read again.
    if (this.#seen.size > 4 * this.#options.overlap + 100) {
      for (const id of this.#seen) if (id < this.#last - this.#options.overlap) this.#seen.delete(id);
    }
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#options.log(
          `samizdat: signals: a listener failed on ${event.type}: ${(error as Error).message}`,
        );
      }
    }
  }
}

/** One process: what SQLite runs (its other processes are reached by the timed catch-up). */
export function inProcessTransport(): SignalTransport {
  let receive: ((message: string) => void) | undefined;
  return {
    name: 'in-process',
    async send(message) {
      receive?.(message);
    },
    async start(onMessage, onConnected) {
      receive = onMessage;
      onConnected();
    },
    async close() {
      receive = undefined;
    },
  };
}
