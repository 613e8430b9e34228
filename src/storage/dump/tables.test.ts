import { describe, expect, it } from 'vitest';
import { openStorage } from '../index.ts';
import { presentTables } from './read.ts';
import { DUMP_TABLES } from './tables.ts';

describe("the backup's table list", () => {
  it('names every table and column of the migrated schema with its kind', async () => {
    const storage = await openStorage({ databaseUrl: ':memory:', dataDir: '', migrate: true });
    try {
      // Throws, naming it, for a table or a column a migration added without a kind here.
      const present = await presentTables(storage.db);
      expect(present.map((p) => p.table.name)).toEqual(
        expect.arrayContaining(['users', 'posts', 'comments']),
      );
      for (const { spec, table } of present) {
        for (const column of table.columns)
          expect(spec.columns[column.name], `${spec.name}.${column.name}`).toBe(column.kind);
      }
      expect(present.find((p) => p.spec.name === 'comments')?.table.columns).toHaveLength(17);
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
