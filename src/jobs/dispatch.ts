import type { Signals } from '../core/ports/signals.ts';
import type { OutboxEvent, Storage } from '../core/ports/storage.ts';
import type { JobRegistry } from './registry.ts';

/**
 * Turns undispatched outbox events into the jobs they imply and marks them dispatched, in one
 * transaction (so an event's jobs exist exactly once: the key `event:ID:N` backs that up), then
 * signals the events to every instance. Returns the events dispatched.
 */
export async function dispatchOutbox(
  storage: Storage,
  planners: JobRegistry['planners'],
  signals: Signals,
  now: Date,
  limit = 200,
): Promise<OutboxEvent[]> {
  const events = await storage.transaction(async (tx) => {
    const batch = await tx.outbox.undispatched(limit);
    for (const event of batch) {
      const jobs = planners[event.type]?.(event) ?? [];
      for (const [index, job] of jobs.entries())
        await tx.jobs.enqueue({ ...job, key: job.key ?? `event:${event.id}:${index}` }, now);
    }
    await tx.outbox.markDispatched(
      batch.map((event) => event.id),
      now,
    );
    return batch;
  });
  // After the commit: an instance told of an event must find its effects. A failure here is healed
  // by the instances' catch-up.
  if (events.length) await signals.publish(events);
  return events;
}
