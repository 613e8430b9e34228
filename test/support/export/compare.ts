import type { Comment } from '../../../src/core/comments/comment.ts';
import type { Alias, Storage } from '../../../src/core/ports/storage.ts';
import type { Post } from '../../../src/core/posts/post.ts';
import type { TestSite } from '../site.ts';
import type { ImportDeps } from '../../../src/import/wordpress/import.ts';
import { allAliases, allComments, postPages } from '../../../src/export/walk.ts';
import { xmlSafe } from '../../../src/export/xml.ts';

/** For tests: comparing two sites after a trip through an export, as a reader would see them. */

export const importDeps = (t: TestSite): ImportDeps => ({
  storage: t.site.core.storage,
  formatter: t.site.core.formatter,
  images: t.site.images,
  clock: t.site.core.clock,
  secret: t.site.secret,
});

/** What a reader reads of some HTML: its words, whatever the markup around them. */
export function words(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

export interface SiteContent {
  posts: Post[];
  comments: Comment[];
  aliases: Alias[];
}

export async function contentOf(storage: Storage): Promise<SiteContent> {
  const lastId = await storage.posts.lastId();
  return {
    posts: (await collect(postPages(storage, lastId))).flat(),
    comments: await collect(allComments(storage, lastId)),
    aliases: await collect(allAliases(storage)),
  };
}

export const keyOf = (post: Post) => `${post.type}/${post.slug}`;

/** What must survive the trip of a post. XML cannot carry some characters, so titles lose those. */
export function postShape(post: Post) {
  return {
    type: post.type,
    status: post.status,
    title: xmlSafe(post.title),
    excerpt: xmlSafe(post.excerpt),
    sticky: post.sticky,
    commentStatus: post.commentStatus,
    publishedAt: seconds(post.publishedAt),
    text: words(xmlSafe(post.html)),
  };
}

/** A post's discussion as sorted lines, each comment named by its place in the thread. */
export function threadShape(comments: Comment[]): string[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const label = (c: Comment) => `${seconds(c.createdAt)} ${c.authorName} <${c.authorEmail}>`;
  const path = (c: Comment): string => {
    const parent = c.parentId === null ? undefined : byId.get(c.parentId);
    return parent ? `${path(parent)} > ${label(c)}` : label(c);
  };
  return comments
    .map((c) => `${path(c)} [${c.status} ${c.kind} ${c.authorUrl}] ${words(xmlSafe(c.html))}`)
    .sort();
}

/** Every category (with its parent's slug) and tag. */
export async function termShape(storage: Storage): Promise<string[]> {
  const categories = await storage.terms.list('category');
  const byId = new Map(categories.map((t) => [t.id, t]));
  const tags = await storage.terms.list('tag');
  return [
    ...categories.map((t) => `category ${t.slug} "${t.name}" in ${byId.get(t.parentId ?? 0)?.slug ?? '-'}`),
    ...tags.map((t) => `tag ${t.slug} "${t.name}"`),
  ].sort();
}

/** Each post's categories and tags, by post key. */
export async function postTermShape(storage: Storage, posts: Post[]): Promise<Map<string, string[]>> {
  const terms = await storage.posts.termsOf(posts.map((p) => p.id));
  return new Map(
    posts.map((p) => [keyOf(p), (terms.get(p.id) ?? []).map((t) => `${t.taxonomy}/${t.slug}`).sort()]),
  );
}

/** Where a reader asking for `path` ends up, following redirects: a path that answers 200, or undefined. */
export async function landing(t: TestSite, path: string): Promise<string | undefined> {
  let at = path;
  for (let hop = 0; hop < 4; hop++) {
    const res = await t.app.request(at);
    if (res.status === 200) return at;
    if (res.status !== 301 && res.status !== 308) return undefined;
    const location = new URL(res.headers.get('location')!, 'https://site.invalid');
    at = location.pathname + location.search;
  }
  return undefined;
}
