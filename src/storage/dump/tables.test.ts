import { describe, expect, it } from 'vitest';
import { openStorage } from '../index.ts';
import { presentTables } from './read.ts';
import { DUMP_TABLES } from './tables.ts';

describe("the backup's table list", () => {
  it('names every table and column of the migrated schema with its kind, and nothing else', async () => {
    const storage = await openStorage({ databaseUrl: ':memory:', dataDir: '', migrate: true });
    try {
      // Throws, naming it, for a table or a column a migration added without a kind here.
      const present = await presentTables(storage.db);
      const described = (tables: { name: string; columns: string[] }[]) =>
        tables.map((t) => `${t.name}(${[...t.columns].sort().join(',')})`);
      expect(
        described(present.map((p) => ({ name: p.table.name, columns: p.table.columns.map((c) => c.name) }))),
      ).toEqual(described(DUMP_TABLES.map((t) => ({ name: t.name, columns: Object.keys(t.columns) }))));
    } finally {
      await storage.close();
    }
  });

  it('keys every table by columns it has, and counts ids only where the database numbers them', () => {
    for (const table of DUMP_TABLES) {
      for (const key of table.key) expect(table.columns, `${table.name}.${key}`).toHaveProperty(key);
      if (table.counter) expect(table.key).toEqual([table.counter]);
    }
  });
});
