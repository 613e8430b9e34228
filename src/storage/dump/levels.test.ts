import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DumpRow, IncomingDump } from '../../core/ports/dump.ts';
import { migrateTo, openStorage, pendingMigrations } from '../index.ts';

const memory = (migrate = false) => openStorage({ databaseUrl: ':memory:', dataDir: '', migrate });

describe('a dump from an older schema', () => {
  it('is written under the schema it was taken with, then migrated as the site would be', async () => {
    const old = await memory();
    const target = await memory(true);
    try {
      // A site that stopped at the second migration: no import map, no jobs, posts without `format`.
      await migrateTo(old, '0002_search');
      await sql`insert into users (login, login_key, email, email_key, display_name, bio, role, password_hash, created_at)
        values ('dana', 'dana', 'd@e.kz', 'd@e.kz', 'Дана', '', 'owner', 'HASH', 1700000000000)`.execute(
        old.db,
      );
      await sql`insert into posts (type, status, slug, title, source, html, excerpt, author_id, featured_media_id,
        image_alt, image_caption, image_credit, comment_status, sticky, published_at, created_at, updated_at)
        values ('post', 'published', 'степь', 'Степь', 'Body', '<p>Body</p>', '', 1, null, '', '', '', 'open', 0,
        1700000000000, 1700000000000, 1700000000000)`.execute(old.db);
      const held = await old.dumps.read(async (dump) => {
        const rows: Record<string, DumpRow[]> = {};
        for (const table of dump.tables) {
          rows[table.name] = [];
          for await (const batch of dump.rows(table.name)) rows[table.name]!.push(...batch);
        }
        return { schema: dump.schema, tables: dump.tables, counters: dump.counters, rows };
      });
      expect(held.schema).toEqual(['0001_initial', '0002_search']);
      expect(held.tables.map((t) => t.name)).not.toContain('jobs');

      // The target is at the latest schema already (a command opened it): it goes down, then up.
      const incoming: IncomingDump = {
        ...held,
        async *rows(table) {
          yield held.rows[table] ?? [];
        },
        finish: async () => {},
      };
      await target.dumps.write(incoming);
      expect(await pendingMigrations(target)).toEqual([]);
      expect(await target.posts.findBySlug('степь')).toMatchObject({
        title: 'Степь',
        format: 'markdown',
        publishedAt: new Date(1700000000000),
      });
      expect((await target.users.findByLogin('dana'))?.passwordHash).toBe('HASH');
      expect(
        (await target.search.posts({ text: 'степь', limit: 5, offset: 0 }, new Date())).items,
      ).toHaveLength(1);
    } finally {
      await old.close();
      await target.close();
    }
  });
});
