import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isUniqueViolation, type SqlStorage } from '../index.ts';
import { MIGRATIONS, migrateToLatest, pendingMigrations } from '../migrations/index.ts';
import { newUser } from './fixtures.ts';

/**
 * What the SQL implementation promises beyond the port: migrations, and recognising the drivers'
 * errors. `openBlank` must return storage on a database that has never been migrated; the test
 * closes it.
 */
export function runSqlContract(name: string, openBlank: () => Promise<SqlStorage>): void {
  describe(`SQL storage: ${name}`, () => {
    it('migrates once, reports what ran, is a no-op the second time, and recognises driver errors', async () => {
      const storage = await openBlank();
      try {
        const all = Object.keys(MIGRATIONS);
        expect(all.length).toBeGreaterThan(0);
        expect(await pendingMigrations(storage)).toEqual(all);

        expect(await migrateToLatest(storage)).toEqual(all);
        const user = await storage.users.create(newUser());

        expect(await migrateToLatest(storage)).toEqual([]);
        expect(await migrateToLatest(storage.db)).toEqual([]);
        expect(await pendingMigrations(storage)).toEqual([]);
        expect(await storage.users.findById(user.id)).toEqual(user);

        const insertSetting = () =>
          sql`insert into settings (key, value) values ('k', '1')`.execute(storage.db);
        await insertSetting();
        const duplicate = await insertSetting().catch((error: unknown) => error);
        expect(isUniqueViolation(duplicate)).toBe(true);
        const orphan = await sql`insert into aliases (path, post_id) values ('/x', 999999)`
          .execute(storage.db)
          .catch((error: unknown) => error);
        expect(orphan).toBeInstanceOf(Error);
        expect(isUniqueViolation(orphan)).toBe(false);
        expect(isUniqueViolation(new Error('unique'))).toBe(false);
      } finally {
        await storage.close();
      }
    });
  });
}
