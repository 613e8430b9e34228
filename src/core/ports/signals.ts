import type { OutboxEvent } from './storage.ts';

/**
 * What happened, told to every instance (not claimed by one, as a job is): a post published, a
 * comment approved, the settings changed. Caches subscribe and drop what the event changed. Delivery
 * is at least once and may be out of order; a listener must be idempotent. An instance that was
 * disconnected is told, on reconnect, every event it missed.
 */
export interface Signals {
  /** Tells every instance (this one too) about these events, already dispatched from the outbox. */
  publish(events: OutboxEvent[]): Promise<void>;
  /** Calls `listener` with each event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: OutboxEvent) => void): () => void;
}

/** One process's signals, for tests and single-process use: delivered at once, in order. */
export class MemorySignals implements Signals {
  readonly #listeners = new Set<(event: OutboxEvent) => void>();
  async publish(events: OutboxEvent[]): Promise<void> {
    for (const event of events) for (const listener of this.#listeners) listener(event);
  }
  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
