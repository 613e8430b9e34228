import { afterAll, afterEach, beforeEach, describe } from 'vitest';
import type { Storage } from '../../core/ports/storage.ts';
import { commentContract } from './comments.contract.ts';
import { discoveryContract } from './discovery.contract.ts';
import { type DumpContractContext, dumpContract } from './dumps.contract.ts';
import { exportContract } from './export.contract.ts';
import { importContract } from './import.contract.ts';
import { jobContract } from './jobs.contract.ts';
import { postContract } from './posts.contract.ts';
import { readingContract } from './reading.contract.ts';
import { searchContract } from './search.contract.ts';
import { siteContract } from './site.contract.ts';
import { subscriptionContract } from './subscriptions.contract.ts';
import { transactionContract } from './transactions.contract.ts';
import { visibilityContract } from './visibility.contract.ts';

/**
 * What every implementation of the storage port must do, written once and run by each dialect's
 * test file (the pattern Hono uses for its routers). It speaks only the port, so an in-memory
 * implementation can run it too.
 *
 * `open` is called before each test and must return an empty, migrated storage; the suite closes it
 * after the test. `cleanup` runs once at the end (drop a test database, say).
 */
export function runStorageContract(
  name: string,
  open: () => Promise<Storage>,
  cleanup?: () => Promise<void>,
): void {
  describe(`storage contract: ${name}`, () => {
    let current: Storage | undefined;
    const ctx: DumpContractContext = {
      get storage() {
        if (!current) throw new Error('storage is not open: tests run between beforeEach and afterEach');
        return current;
      },
      async fresh() {
        await current?.close();
        current = await open();
        return current;
      },
    };
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      await current?.close();
      current = undefined;
    });
    if (cleanup) afterAll(cleanup);

    describe('posts', () => postContract(ctx));
    describe('comments', () => commentContract(ctx));
    describe('terms, users, settings, media, aliases, outbox', () => siteContract(ctx));
    describe('transactions', () => transactionContract(ctx));
    describe('search', () => searchContract(ctx));
    describe('what the public may see: one rule for every public read', () => visibilityContract(ctx));
    describe('discovery: neighbours, related posts, sitemaps', () => discoveryContract(ctx));
    describe('imports: HTML posts and where imported rows came from', () => importContract(ctx));
    describe('exports: walking the whole site', () => exportContract(ctx));
    describe('jobs: leases, retries, recurring jobs', () => jobContract(ctx));
    describe('reader pages at scale: narrow and batched reads', () => readingContract(ctx));
    describe('dumps: the whole site as rows, for backup and restore', () => dumpContract(ctx));
    describe('subscriptions: double opt-in, recipients, deliveries once', () => subscriptionContract(ctx));
  });
}
