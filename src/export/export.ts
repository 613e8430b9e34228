import type { Storage } from '../core/ports/storage.ts';
import { postPath } from '../core/posts/permalink.ts';
import type { Post } from '../core/posts/post.ts';
import { resolveSettings, type SiteSettings } from '../core/site/settings.ts';
import { mediaUrl } from '../render/components/image.ts';
import type { ExportOutput } from './output.ts';

/** What an export reads: the storage port, and the public URL its links are made absolute with. */
export interface ExportDeps {
  storage: Storage;
  /** The site's public base URL, without a trailing slash. */
  baseUrl: string;
  now: Date;
}

/** What was written, for the one-line summary. */
export interface ExportCounts {
  posts: number;
  pages: number;
  comments: number;
  authors: number;
  categories: number;
  tags: number;
  media: number;
  aliases: number;
}

export const EXPORT_FORMATS = ['wxr', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function emptyCounts(): ExportCounts {
  return { posts: 0, pages: 0, comments: 0, authors: 0, categories: 0, tags: 0, media: 0, aliases: 0 };
}

export function countPost(counts: ExportCounts, post: Post): void {
  if (post.type === 'page') counts.pages++;
  else counts.posts++;
}

/** Where the export's links point: the site's permalinks and /media/ files, made absolute. */
export interface Links {
  settings: SiteSettings;
  /** The site's public base URL, without a trailing slash. */
  base: string;
  /** WordPress's `guid` for a post: `BASE/?p=ID`, which this site also answers. */
  guid(postId: number): string;
  post(post: Post): string;
  media(path: string): string;
}

export async function loadLinks(deps: ExportDeps): Promise<Links> {
  const settings = resolveSettings(await deps.storage.settings.all());
  return {
    settings,
    base: deps.baseUrl,
    guid: (postId) => `${deps.baseUrl}/?p=${postId}`,
    post: (post) => deps.baseUrl + postPath(post, settings.permalink),
    media: (path) => deps.baseUrl + mediaUrl(path),
  };
}

/**
 * Runs the writing, then commits the output; on any failure the output is aborted (a file export
 * leaves nothing behind) and the error goes on to the caller.
 */
export async function writeExport(
  out: ExportOutput,
  work: (out: ExportOutput) => Promise<ExportCounts>,
): Promise<ExportCounts> {
  try {
    const counts = await work(out);
    await out.commit();
    return counts;
  } catch (error) {
    await out.abort();
    throw error;
  }
}

/** "12 posts, 3 pages, 40 comments, …" */
export function describeCounts(counts: ExportCounts, format: ExportFormat): string {
  const parts: [number, string, string][] = [
    [counts.posts, 'post', 'posts'],
    [counts.pages, 'page', 'pages'],
    [counts.comments, 'comment', 'comments'],
    [counts.authors, 'author', 'authors'],
    [counts.categories, 'category', 'categories'],
    [counts.tags, 'tag', 'tags'],
    [
      counts.media,
      format === 'wxr' ? 'attachment' : 'media file',
      format === 'wxr' ? 'attachments' : 'media files',
    ],
    [counts.aliases, 'old URL', 'old URLs'],
  ];
  return parts.map(([n, one, many]) => `${n} ${n === 1 ? one : many}`).join(', ');
}
