import type { PostStatus, PostType } from '../../core/posts/post.ts';
import type { WxrAuthor, WxrEvent, WxrItem, WxrSite, WxrTerm } from '../wxr/types.ts';
import { skip, type ImportReport } from './report.ts';
import { plainText, wordpressDate, slugFromWordpress } from './text.ts';

/**
 * The first pass over an export: the small facts every item of the second pass may need (where
 * each post lived, which file each attachment is, who the authors are), kept as compact entries so
 * memory grows by a few hundred bytes per post, never by a post's content.
 */

/** WordPress statuses we bring in, and ours. `pending` has no equivalent: it becomes a draft. */
export const STATUSES: Record<string, PostStatus> = {
  publish: 'published',
  draft: 'draft',
  pending: 'draft',
  private: 'private',
  future: 'scheduled',
  trash: 'trash',
};

export interface PostEntry {
  id: number;
  type: PostType;
  /** The slug it asks for (decoded, or made from the title); conflicts are settled later. */
  slug: string;
  /** Its `<link>` and `<guid>` on the old blog, and the paths our own exports list (ALIASES_META). */
  link: string;
  guid: string;
  metaPaths: string[];
  publishedAt: Date;
}

export interface AttachmentEntry {
  id: number;
  url: string;
  /** Its page on the old blog (`?attachment_id=ID` or a path under its post's), and that post's id or 0. */
  link: string;
  parent: number;
  caption: string;
  alt: string;
}

export interface TermEntry {
  /** WordPress's term id (`?cat=ID`), when the file gives it. */
  id: number | null;
  slug: string;
  name: string;
  parentSlug: string;
  description: string;
}

export interface Scan {
  site: WxrSite;
  authors: WxrAuthor[];
  /** Logins named by items' `dc:creator`, whether or not the file lists them as authors. */
  creators: Set<string>;
  categories: Map<string, TermEntry>;
  tags: Map<string, TermEntry>;
  posts: Map<number, PostEntry>;
  attachments: Map<number, AttachmentEntry>;
  items: number;
}

export function emptyScan(): Scan {
  return {
    site: { title: '', link: '', baseSiteUrl: '', baseBlogUrl: '', language: '', wxrVersion: '' },
    authors: [],
    creators: new Set(),
    categories: new Map(),
    tags: new Map(),
    posts: new Map(),
    attachments: new Map(),
    items: 0,
  };
}

/** A post or a page we bring in; everything else is skipped with a reason by the second pass. */
export function isImportable(item: WxrItem): boolean {
  return (
    (item.postType === 'post' || item.postType === 'page') &&
    item.id > 0 &&
    Object.hasOwn(STATUSES, item.status)
  );
}

/**
 * When a post was published, as UTC. Drafts and pending posts have no GMT date in WordPress (it is
 * fixed on publication): their local date is taken as UTC, then the last modification, then now.
 */
export function publishedAt(item: WxrItem, now: Date): Date {
  return (
    wordpressDate(item.postDateGmt) ??
    wordpressDate(item.postDate) ??
    wordpressDate(item.postModifiedGmt) ??
    now
  );
}

/** The slug a post asks for: its own, else one made from its title, else `post-ID`. */
export function desiredSlug(item: WxrItem): string {
  return (
    slugFromWordpress(item.postName) ||
    slugFromWordpress(plainText(item.title)) ||
    `${item.postType}-${item.id}`
  );
}

function termEntry(
  term: { slug: string; name: string; id?: number | null },
  parentSlug = '',
  description = '',
): TermEntry {
  const name = plainText(term.name);
  const slug = slugFromWordpress(term.slug) || slugFromWordpress(name);
  return { id: term.id ?? null, slug, name, parentSlug, description };
}

function addTerm(scan: Scan, report: ImportReport, term: WxrTerm): void {
  const map =
    term.taxonomy === 'category' ? scan.categories : term.taxonomy === 'post_tag' ? scan.tags : undefined;
  if (!map) return skip(report, `terms of the taxonomy "${term.taxonomy}" are not imported`, term.slug);
  const entry = termEntry(term, slugFromWordpress(term.parentSlug), plainText(term.description));
  if (entry.slug) map.set(entry.slug, entry);
}

function addItem(scan: Scan, item: WxrItem, now: Date): void {
  if (item.postType === 'attachment' && item.id > 0 && item.attachmentUrl) {
    scan.attachments.set(item.id, {
      id: item.id,
      url: item.attachmentUrl.trim(),
      link: ownUrl(item.link),
      parent: item.postParent,
      // WordPress's caption is the excerpt; exports from older sites put it in the description.
      caption: plainText(item.excerpt) || plainText(item.content),
      alt: plainText(item.meta['_wp_attachment_image_alt'] ?? ''),
    });
    return;
  }
  if (!isImportable(item)) return;
  // Only the writers of posts we bring in become users: not whoever uploaded a file or built a menu.
  if (item.creator.trim()) scan.creators.add(item.creator.trim());
  scan.posts.set(item.id, {
    id: item.id,
    type: item.postType as PostType,
    slug: desiredSlug(item),
    link: ownUrl(item.link),
    guid: ownUrl(item.guid),
    metaPaths: metaPaths(item),
    publishedAt: publishedAt(item, now),
  });
  // Terms used by a post but not listed at the top of the file (WordPress.com exports do this).
  for (const term of item.terms) {
    const map =
      term.taxonomy === 'category' ? scan.categories : term.taxonomy === 'post_tag' ? scan.tags : undefined;
    const entry = map && termEntry(term);
    if (map && entry?.slug && !map.has(entry.slug)) map.set(entry.slug, entry);
  }
}

/**
 * An absolute URL as a string of its own, or ''. The parser's strings may be slices of the chunk
 * they were read from: kept in the scan for every post, each would keep its whole chunk alive.
 */
function ownUrl(text: string): string {
  try {
    return new URL(text.trim()).href;
  } catch {
    return '';
  }
}

/**
 * Our own exports carry a post's other old paths (one per line) in this post meta, so a site moved
 * twice keeps its first addresses too (src/export/wxr.ts writes it; WordPress ignores it).
 */
export const ALIASES_META = '_samizdat_aliases';

/**
 * Addresses from the aliases meta: absolute paths, with at most the one WordPress parameter that
 * named the post (`/?p=1234`); a host or any other query is not an address of ours.
 */
function metaPaths(item: WxrItem): string[] {
  const text = item.meta[ALIASES_META] ?? '';
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) => /^\/[^?#\s]*(?:\?(?:p|page_id|attachment_id)=[0-9]+)?$/.test(line) && line.length <= 2000,
    );
}

/** Pass one. Reading the whole file first also means a malformed file fails before any write. */
export async function scanExport(
  events: AsyncIterable<WxrEvent>,
  report: ImportReport,
  now: Date,
  onItem: () => void,
): Promise<Scan> {
  const scan = emptyScan();
  for await (const event of events) {
    if (event.kind === 'site') scan.site = event.site;
    else if (event.kind === 'author') {
      if (!scan.authors.some((a) => a.login === event.author.login)) scan.authors.push(event.author);
    } else if (event.kind === 'term') addTerm(scan, report, event.term);
    else {
      scan.items++;
      addItem(scan, event.item, now);
      onItem();
    }
  }
  return scan;
}
