import type { Comment } from '../core/comments/comment.ts';
import type { User } from '../core/users/user.ts';
import {
  countPost,
  emptyCounts,
  type ExportCounts,
  type ExportDeps,
  type Links,
  loadLinks,
  writeExport,
} from './export.ts';
import type { ExportOutput } from './output.ts';
import { allAliases, allComments, allMedia, postPages } from './walk.ts';
import { sortCategories } from './wxr.ts';

/** Names the document, so a reader can tell it from any other JSON and know which shape to expect. */
export const JSON_EXPORT_FORMAT = 'samizdat-export';
export const JSON_EXPORT_VERSION = 1;

/**
 * Settings whose key starts with `_` are the site's own machinery, not the writer's choices: `_secret`
 * signs cookies and keys the IP and email hashes, and must never leave the database.
 */
export function publicSettings(stored: Record<string, unknown>, effective: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...stored, ...effective })) {
    if (!key.startsWith('_')) out[key] = value;
  }
  return out;
}

/** Staff without their password hashes: a credential, not content. */
function exportedUser(user: User) {
  const { passwordHash, ...rest } = user;
  return { ...rest, canSignIn: passwordHash !== null };
}

/**
 * A comment without its IP hash: the hash is keyed with this site's secret, so it means nothing
 * anywhere else, and it is data about the reader that the export has no need to carry. Name, email
 * and website stay: they are the discussion's own record, as in WordPress's export.
 */
function exportedComment(comment: Comment) {
  const { ipHash: _ipHash, ...rest } = comment;
  return rest;
}

/** Writes `"name": [ … ]` one element per line, from rows that may be read a page at a time. */
async function writeArray<T>(
  out: ExportOutput,
  name: string,
  rows: Iterable<T> | AsyncIterable<T>,
  last = false,
): Promise<number> {
  await out.write(`  ${JSON.stringify(name)}: [`);
  let n = 0;
  for await (const row of rows) {
    await out.write(`${n === 0 ? '\n' : ',\n'}    ${JSON.stringify(row)}`);
    n++;
  }
  await out.write(`${n === 0 ? '' : '\n  '}]${last ? '' : ','}\n`);
  return n;
}

async function* exportedPosts(deps: ExportDeps, links: Links, lastId: number, counts: ExportCounts) {
  for await (const page of postPages(deps.storage, lastId)) {
    const termsOf = await deps.storage.posts.termsOf(page.map((p) => p.id));
    for (const post of page) {
      countPost(counts, post);
      yield { ...post, url: links.post(post), terms: (termsOf.get(post.id) ?? []).map((t) => t.id) };
    }
  }
}

/** Maps rows as they stream by and counts them; rows `keep` refuses are left out. */
async function* withCount<T, R>(
  rows: AsyncIterable<T>,
  map: (row: T) => R,
  count: () => void,
  keep: (row: T) => boolean = () => true,
) {
  for await (const row of rows) {
    if (!keep(row)) continue;
    count();
    yield map(row);
  }
}

/**
 * Everything the site holds, as one JSON document: settings, staff, terms, media records, posts and
 * pages of every status (Markdown or HTML source, format and rendered HTML), comments of every
 * status, and old URLs. Arrays are streamed, one element per line.
 */
export function exportJson(deps: ExportDeps, output: ExportOutput): Promise<ExportCounts> {
  return writeExport(output, async (out) => {
    const { storage } = deps;
    const links = await loadLinks(deps);
    const counts = emptyCounts();
    const head = {
      format: JSON_EXPORT_FORMAT,
      version: JSON_EXPORT_VERSION,
      exportedAt: deps.now,
      site: { url: deps.baseUrl },
      settings: publicSettings(await storage.settings.all(), links.settings),
    };
    await out.write(`${JSON.stringify(head, null, 2).slice(0, -2)},\n`);
    counts.authors = await writeArray(out, 'users', (await storage.users.list()).map(exportedUser));
    const categories = await storage.terms.list('category');
    const tags = await storage.terms.list('tag');
    counts.categories = categories.length;
    counts.tags = tags.length;
    // Parents before their children, as in the WXR, so a reader can create them top to bottom.
    await writeArray(out, 'terms', [...sortCategories(categories).map((c) => c.term), ...tags]);
    const media = withCount(
      allMedia(storage),
      (m) => ({ ...m, url: links.media(m.path) }),
      () => counts.media++,
    );
    await writeArray(out, 'media', media);
    // Posts written during the export are left out, and so are their comments and old URLs.
    const lastId = await storage.posts.lastId();
    await writeArray(out, 'posts', exportedPosts(deps, links, lastId, counts));
    await writeArray(
      out,
      'comments',
      withCount(allComments(storage, lastId), exportedComment, () => counts.comments++),
    );
    await writeArray(
      out,
      'aliases',
      withCount(
        allAliases(storage),
        (a) => a,
        () => counts.aliases++,
        (a) => a.postId <= lastId,
      ),
      true,
    );
    await out.write('}\n');
    return counts;
  });
}
