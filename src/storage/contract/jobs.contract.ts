import { expect, it } from 'vitest';
import type { ContractContext } from './posts.contract.ts';

const T0 = new Date('2026-05-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

export function jobContract(ctx: ContractContext): void {
  it('enqueues once per key and claims due jobs oldest first, each for one worker', async () => {
    const { jobs } = ctx.storage;
    expect(await jobs.enqueue({ type: 'mail.send', payload: { to: 'a@example.kz' }, key: 'k1' }, T0)).toBe(
      true,
    );
    expect(await jobs.enqueue({ type: 'mail.send', payload: { to: 'b@example.kz' }, key: 'k1' }, T0)).toBe(
      false,
    );
    await jobs.enqueue({ type: 'later', payload: {}, runAt: at(30) }, T0);
    await jobs.enqueue({ type: 'second', payload: { n: 2 } }, at(1));

    const first = await jobs.claim('w1', at(2), 30_000, 10);
    expect(first.map((j) => j.type)).toEqual(['mail.send', 'second']);
    expect(first[0]).toMatchObject({
      payload: { to: 'a@example.kz' },
      status: 'running',
      attempts: 1,
      lockedBy: 'w1',
      lockedUntil: at(32),
    });
    // Leased jobs are not handed to another worker, and the later one is not due yet.
    expect(await jobs.claim('w2', at(3), 30_000, 10)).toEqual([]);
    expect((await jobs.claim('w2', at(31), 30_000, 10)).map((j) => j.type)).toEqual(['later']);
  });

  it('hands a job over when its lease runs out, and the old holder can no longer finish it', async () => {
    const { jobs } = ctx.storage;
    await jobs.enqueue({ type: 'slow', payload: {} }, T0);
    const [job] = await jobs.claim('dead', T0, 10_000, 1);
    expect(await jobs.claim('alive', at(5), 10_000, 1)).toEqual([]);
    const [again] = await jobs.claim('alive', at(11), 10_000, 1);
    expect(again).toMatchObject({ id: job!.id, lockedBy: 'alive', attempts: 2 });
    expect(await jobs.complete(job!, 'dead', at(12))).toBe(false);
    expect(await jobs.fail(job!, 'dead', 'late', null, at(12))).toBe(false);
    expect(await jobs.complete(job!, 'alive', at(12))).toBe(true);
    expect(await jobs.findById(job!.id)).toMatchObject({ status: 'done', lockedBy: null });
  });

  it('retries a failed attempt at the time given, and fails a job for good with its last error', async () => {
    const { jobs } = ctx.storage;
    await jobs.enqueue({ type: 'flaky', payload: {}, maxAttempts: 2 }, T0);
    const [job] = await jobs.claim('w', T0, 10_000, 1);
    expect(await jobs.fail(job!, 'w', 'connection refused', at(30), at(1))).toBe(true);
    expect(await jobs.findById(job!.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      runAt: at(30),
      lastError: 'connection refused',
    });
    expect(await jobs.claim('w', at(29), 10_000, 1)).toEqual([]);
    await jobs.claim('w', at(30), 10_000, 1);
    expect(await jobs.fail(job!, 'w', '550 mailbox unavailable', null, at(31))).toBe(true);
    expect(await jobs.findById(job!.id)).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: '550 mailbox unavailable',
    });
    expect(await jobs.claim('w', at(999), 10_000, 1)).toEqual([]);

    expect((await jobs.list({ statuses: ['failed'], limit: 10 })).map((j) => j.id)).toEqual([job!.id]);
    expect(await jobs.retry(job!.id, at(40))).toBe(true);
    expect(await jobs.findById(job!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await jobs.discard(job!.id)).toBe(true);
    expect(await jobs.findById(job!.id)).toBeUndefined();
  });

  it('fails a job whose worker died on its last attempt instead of running it again', async () => {
    const { jobs } = ctx.storage;
    await jobs.enqueue({ type: 'killer', payload: {}, maxAttempts: 1 }, T0);
    await jobs.claim('w1', T0, 1000, 1);
    expect(await jobs.claim('w2', at(5), 1000, 1)).toEqual([]);
    const [failed] = await jobs.list({ statuses: ['failed'], limit: 1 });
    expect(failed?.lastError).toMatch(/lease ran out/);
  });

  it('brings a recurring job back after each run, never more than one of it', async () => {
    const { jobs } = ctx.storage;
    const tick = { type: 'tick', payload: {}, key: 'recurring:tick', everyMs: 10_000 };
    expect(await jobs.enqueue(tick, T0)).toBe(true);
    expect(await jobs.enqueue(tick, T0)).toBe(false);
    const [job] = await jobs.claim('w', T0, 5000, 5);
    expect(await jobs.complete(job!, 'w', at(1))).toBe(true);
    expect(await jobs.findById(job!.id)).toMatchObject({ status: 'pending', runAt: at(11), attempts: 0 });
    await jobs.claim('w', at(11), 5000, 5);
    expect(await jobs.fail(job!, 'w', 'boom', null, at(12))).toBe(true);
    expect(await jobs.findById(job!.id)).toMatchObject({
      status: 'pending',
      runAt: at(22),
      lastError: 'boom',
    });
    expect(await jobs.list({ limit: 10 })).toHaveLength(1);
  });

  it('prunes done jobs older than a date, keeping failed, pending and recurring ones', async () => {
    const { jobs } = ctx.storage;
    for (const n of [1, 2, 3]) await jobs.enqueue({ type: `old-${n}`, payload: {} }, T0);
    await jobs.enqueue({ type: 'broken', payload: {}, maxAttempts: 1 }, T0);
    await jobs.enqueue({ type: 'tick', payload: {}, key: 'recurring:tick', everyMs: 1000 }, T0);
    for (const job of await jobs.claim('w', T0, 5000, 10)) {
      if (job.type === 'broken') await jobs.fail(job, 'w', 'boom', null, at(1));
      else await jobs.complete(job, 'w', at(1));
    }
    await jobs.enqueue({ type: 'recent', payload: {} }, at(50));
    const [recent] = await jobs.claim('w', at(50), 5000, 1);
    await jobs.complete(recent!, 'w', at(51));
    await jobs.enqueue({ type: 'waiting', payload: {} }, at(2));

    expect(await jobs.pruneDone(at(10), 2)).toBe(2);
    expect(await jobs.pruneDone(at(10), 100)).toBe(1);
    expect(await jobs.pruneDone(at(10), 100)).toBe(0);
    const left = (await jobs.list({ limit: 100 })).map((j) => j.type).sort();
    expect(left).toEqual(['broken', 'recent', 'tick', 'waiting']);
  });

  it('does not discard or retry a running job', async () => {
    const { jobs } = ctx.storage;
    await jobs.enqueue({ type: 'busy', payload: {} }, T0);
    const [job] = await jobs.claim('w', T0, 5000, 1);
    expect(await jobs.discard(job!.id)).toBe(false);
    expect(await jobs.retry(job!.id, T0)).toBe(false);
    expect(await jobs.discard(999_999)).toBe(false);
  });
}
