import type { Redirect, Storage } from '../ports/storage.ts';

/**
 * The old addresses of an imported blog that lead to something other than a post (its categories
 * and authors by their old ids, files that belong to no post), and the path it lived under, written
 * together. A 404 cached for one of them is forgotten: the event says the site's pages changed.
 */
export async function writeOldAddresses(
  storage: Storage,
  source: string,
  prefix: string,
  redirects: Redirect[],
): Promise<void> {
  if (prefix === '' && redirects.length === 0) return;
  await storage.transaction(async (tx) => {
    if (prefix !== '') await tx.aliases.addPrefix(prefix, source);
    await tx.aliases.addRedirects(redirects);
    await tx.outbox.add({ type: 'import.batch', source, postIds: [], commentedPostIds: [], visible: true });
  });
}
