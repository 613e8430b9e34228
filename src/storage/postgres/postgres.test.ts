import { beforeAll, describe } from 'vitest';
import { runStorageContract } from '../contract/storage.contract.ts';
import { runSqlContract } from '../contract/sql.contract.ts';
import { migrateToLatest, openStorage } from '../index.ts';
import {
  createTestDatabase,
  postgresAvailability,
  type TestDatabase,
  truncateAll,
} from '../../../test/support/postgres.ts';

const postgres = await postgresAvailability();

describe.skipIf(!postgres.available)('PostgreSQL storage', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    const storage = await openStorage({ databaseUrl: database.url, dataDir: '' });
    await migrateToLatest(storage);
    await storage.close();
  });

  runStorageContract(
    'postgres',
    async () => {
      const storage = await openStorage({ databaseUrl: database.url, dataDir: '' });
      await truncateAll(storage.db);
      return storage;
    },
    () => database.drop(),
  );

  describe('blank database', () => {
    let blank: TestDatabase;
    beforeAll(async () => {
      blank = await createTestDatabase();
      return () => blank.drop();
    });
    runSqlContract('postgres', () => openStorage({ databaseUrl: blank.url, dataDir: '' }));
  });
});
