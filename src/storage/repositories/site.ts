import type { Kysely, Selectable } from 'kysely';
import type {
  AliasRepository,
  AliasTarget,
  MediaRepository,
  OutboxEvent,
  OutboxRepository,
  SettingsRepository,
} from '../../core/ports/storage.ts';
import type { Media, MediaVariant } from '../../core/site/media.ts';
import { readDate, type SqlDialect } from '../dialect.ts';
import { guardUnique } from '../errors.ts';
import type { Database, MediaTable, OutboxTable } from '../schema.ts';

export function settingsRepository(db: Kysely<Database>): SettingsRepository {
  return {
    async all() {
      const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
      return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
    },

    async set(key, value) {
      // JSON has no `undefined`: setting a key to it removes the key, so the default applies again.
      if (value === undefined) {
        await db.deleteFrom('settings').where('key', '=', key).execute();
        return;
      }
      const json = JSON.stringify(value);
      await db
        .insertInto('settings')
        .values({ key, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
    },
  };
}

function toMedia(row: Selectable<MediaTable>): Media {
  return {
    id: row.id,
    path: row.path,
    mime: row.mime,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    variants: JSON.parse(row.variants) as MediaVariant[],
    createdAt: readDate(row.created_at),
  };
}

export function mediaRepository(db: Kysely<Database>, d: SqlDialect): MediaRepository {
  return {
    async create(media) {
      const row = await guardUnique(
        db,
        d,
        () => 'path',
        () =>
          db
            .insertInto('media')
            .values({
              path: media.path,
              mime: media.mime,
              width: media.width,
              height: media.height,
              bytes: media.bytes,
              variants: JSON.stringify(media.variants),
              created_at: d.date(new Date()),
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
      );
      return toMedia(row);
    },

    async findById(id) {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toMedia(row);
    },

    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return rows.map(toMedia);
    },

    async findByPath(path) {
      const row = await db.selectFrom('media').selectAll().where('path', '=', path).executeTakeFirst();
      return row && toMedia(row);
    },

    async allAfter(afterId, limit) {
      const rows = await db
        .selectFrom('media')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toMedia);
    },
  };
}

export function aliasRepository(db: Kysely<Database>): AliasRepository {
  return {
    async put(path, postId) {
      await db
        .insertInto('aliases')
        .values({ path, post_id: postId })
        .onConflict((oc) => oc.column('path').doUpdateSet({ post_id: postId }))
        .execute();
    },

    async find(path) {
      const row = await db
        .selectFrom('aliases')
        .select('post_id')
        .where('path', '=', path)
        .executeTakeFirst();
      return row?.post_id;
    },

    async findRedirect(path) {
      const row = await db
        .selectFrom('redirects')
        .select('location')
        .where('path', '=', path)
        .executeTakeFirst();
      return row?.location;
    },

    async claims(paths) {
      const found = new Map<string, AliasTarget>();
      // A few hundred at a time: SQLite and PostgreSQL both cap the parameters of one statement.
      for (let i = 0; i < paths.length; i += 500) {
        const slice = paths.slice(i, i + 500);
        const redirects = await db
          .selectFrom('redirects')
          .select(['path', 'location'])
          .where('path', 'in', slice)
          .execute();
        for (const row of redirects) found.set(row.path, { location: row.location });
        const posts = await db
          .selectFrom('aliases')
          .select(['path', 'post_id'])
          .where('path', 'in', slice)
          .execute();
        for (const row of posts) found.set(row.path, { postId: row.post_id });
      }
      return found;
    },

    async addRedirects(redirects) {
      for (let i = 0; i < redirects.length; i += 500) {
        const rows = redirects.slice(i, i + 500).map((r) => ({ path: r.path, location: r.location }));
        await db
          .insertInto('redirects')
          .values(rows)
          .onConflict((oc) => oc.column('path').doNothing())
          .execute();
      }
    },

    async addPrefix(prefix, source) {
      await db
        .insertInto('old_prefixes')
        .values({ prefix, source })
        .onConflict((oc) => oc.column('prefix').doNothing())
        .execute();
    },

    async prefixesOf(path) {
      const segments = path.split('/').filter(Boolean).slice(0, 8);
      const candidates = segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}`);
      if (candidates.length === 0) return [];
      const rows = await db
        .selectFrom('old_prefixes')
        .select('prefix')
        .where('prefix', 'in', candidates)
        .execute();
      return rows.map((r) => r.prefix).sort((a, b) => b.length - a.length);
    },

    async allAfter(after, limit) {
      const rows = await db
        .selectFrom('aliases')
        .select(['path', 'post_id'])
        .where((eb) => eb(eb.refTuple('post_id', 'path'), '>', eb.tuple(after.postId, after.path)))
        .orderBy('post_id')
        .orderBy('path')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ path: row.path, postId: row.post_id }));
    },
  };
}

function toEvent(row: Selectable<OutboxTable>): OutboxEvent {
  return {
    id: row.id,
    type: row.topic,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: readDate(row.created_at),
  };
}

export function outboxRepository(db: Kysely<Database>, d: SqlDialect): OutboxRepository {
  return {
    async add(event) {
      const { type, ...payload } = event;
      await db
        .insertInto('outbox')
        .values({
          topic: type,
          payload: JSON.stringify(payload),
          attempts: 0,
          created_at: d.date(new Date()),
        })
        .execute();
    },

    async undispatched(limit) {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('processed_at', 'is', null)
        .orderBy('id')
        .limit(limit)
        .$if(d.name === 'postgres', (qb) => qb.forUpdate().skipLocked())
        .execute();
      return rows.map(toEvent);
    },

    async markDispatched(ids, now) {
      if (ids.length === 0) return;
      await db
        .updateTable('outbox')
        .set({ processed_at: d.date(now) })
        .where('id', 'in', ids)
        .execute();
    },

    async dispatchedAfter(afterId, limit) {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '>', afterId)
        .where('processed_at', 'is not', null)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },

    async lastId() {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      return Number(row?.id ?? 0);
    },
  };
}
