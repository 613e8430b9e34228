import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TEST_REDIS_URL, redisAvailability } from '../../../test/support/redis.ts';
import { sharedDatabase, type SharedDatabase } from '../../../test/support/storage.ts';
import type { SiteEvent } from '../../core/events/events.ts';
import type { OutboxEvent } from '../../core/ports/storage.ts';
import type { SqlStorage } from '../../storage/index.ts';
import { postgresAvailability } from '../../../test/support/postgres.ts';
import { dispatchOutbox } from '../dispatch.ts';
import { SignalHub, inProcessTransport, type SignalTransport } from './hub.ts';
import { postgresTransport } from './postgres.ts';
import { redisTransport } from './redis.ts';

const pg = await postgresAvailability();
const redis = await redisAvailability();
const quiet = () => {};

/** Two instances of one site: each its own connections, its own hub, what it has heard. */
async function twoInstances(
  db: SharedDatabase,
  transport: (storage: SqlStorage) => SignalTransport,
  options: { catchUpMs?: number; overlap?: number } = {},
) {
  const instances = [];
  for (let i = 0; i < 2; i++) {
    const storage = await db.open();
    const hub = new SignalHub(storage.outbox, transport(storage), {
      catchUpMs: 60_000,
      log: quiet,
      ...options,
    });
    const heard: OutboxEvent[] = [];
    hub.subscribe((event) => heard.push(event));
    await hub.start();
    instances.push({ storage, hub, heard });
  }
  return instances as [(typeof instances)[0], (typeof instances)[0]];
}

/** A change on instance `from`: its event written, then dispatched (which signals it). */
async function change(from: { storage: SqlStorage; hub: SignalHub }, event: SiteEvent) {
  await from.storage.transaction((tx) => tx.outbox.add(event));
  return dispatchOutbox(from.storage, {}, from.hub, new Date());
}

const pgTransport = (db: SharedDatabase) => (storage: SqlStorage) =>
  postgresTransport(
    db.url,
    async (channel, message) =>
      void (await sql`select pg_notify(${channel}, ${message})`.execute(storage.db)),
    quiet,
  );

describe('signals between instances', () => {
  let db: SharedDatabase | undefined;
  const hubs: SignalHub[] = [];
  afterEach(async () => {
    for (const hub of hubs.splice(0)) await hub.close();
    await db?.close();
    db = undefined;
  });
  const keep = <T extends { hub: SignalHub }[]>(instances: T) => {
    hubs.push(...instances.map((i) => i.hub));
    return instances;
  };

  it.skipIf(!pg.available)('reach a second instance on the same PostgreSQL within a second', async () => {
    db = await sharedDatabase('postgres');
    const [a, b] = keep(await twoInstances(db, pgTransport(db)));
    await change(a, { type: 'settings.changed', keys: ['title'] });
    await vi.waitFor(() => expect(b.heard.map((e) => e.type)).toEqual(['settings.changed']), {
      timeout: 1000,
      interval: 10,
    });
    expect(b.heard[0]).toMatchObject({ payload: { keys: ['title'] } });
    expect(b.heard[0]!.createdAt).toBeInstanceOf(Date);
    await vi.waitFor(() => expect(a.heard).toHaveLength(1));
  });

  it.skipIf(!redis.available)('reach a second instance through Redis within a second', async () => {
    db = await sharedDatabase('sqlite');
    const channel = `samizdat:test-${randomBytes(4).toString('hex')}:events`;
    const [a, b] = keep(await twoInstances(db, () => redisTransport(TEST_REDIS_URL, channel, quiet)));
    await change(a, { type: 'media.created', mediaId: 7 });
    await vi.waitFor(() => expect(b.heard.map((e) => e.payload)).toEqual([{ mediaId: 7 }]), {
      timeout: 1000,
      interval: 10,
    });
  });

  it.skipIf(!pg.available)(
    'heal a signal missed while disconnected by catching up on reconnect',
    async () => {
      db = await sharedDatabase('postgres');
      const [a, b] = keep(await twoInstances(db, pgTransport(db)));
      // Cut every listening connection; the listeners wait half a second before reconnecting, so the
      // NOTIFY below reaches nobody listening.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where datname = current_database() and query ilike 'listen%'`.execute(a.storage.db);
      await change(a, { type: 'media.created', mediaId: 3 });
      await vi.waitFor(() => expect(b.heard.map((e) => e.type)).toEqual(['media.created']), {
        timeout: 5000,
        interval: 20,
      });
      // Told once, though read again by the catch-up of both instances.
      await change(a, { type: 'media.created', mediaId: 4 });
      await vi.waitFor(() => expect(b.heard.map((e) => e.payload)).toEqual([{ mediaId: 3 }, { mediaId: 4 }]));
    },
  );

  it('reach another process on the same SQLite file through the timed catch-up', async () => {
    db = await sharedDatabase('sqlite');
    const [a, b] = keep(await twoInstances(db, () => inProcessTransport(), { catchUpMs: 50, overlap: 0 }));
    await change(a, { type: 'settings.changed', keys: ['title'] });
    await change(a, { type: 'media.created', mediaId: 1 });
    expect(a.heard.map((e) => e.type)).toEqual(['settings.changed', 'media.created']);
    await vi.waitFor(
      () => expect(b.heard.map((e) => e.type)).toEqual(['settings.changed', 'media.created']),
      {
        timeout: 2000,
        interval: 10,
      },
    );
  });
});
