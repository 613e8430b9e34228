/**
 * One feed, whatever its format: http/ decides what goes in (build.ts turns posts and comments into
 * this), and rss.ts, atom.ts and json.ts only write it out. Every URL here is absolute.
 */

import type { FeedFormat } from '../../core/reading/subjects.ts';

export type { FeedFormat };

export interface FeedPerson {
  name: string;
  /** Absolute http(s) URL, or absent. Never an email address: readers' emails are never published. */
  url?: string;
}

export interface FeedCategory {
  /** Machine name (a slug) and what readers see. */
  term: string;
  label: string;
  /** The taxonomy it belongs to, e.g. https://example.org/tag/ */
  scheme: string;
}

/** The featured image, described from its Media record: the file, its size in bytes and its type. */
export interface FeedImage {
  url: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
}

export interface FeedItem {
  /** Stable and unique within the feed: a tag: URI (or the URL when the host cannot make one). */
  id: string;
  url: string;
  title: string;
  /** Sanitized HTML with absolute URLs; absent when the feed carries summaries only. */
  contentHtml?: string;
  /** Plain text. */
  summary: string;
  published: Date;
  modified: Date;
  authors: FeedPerson[];
  categories: FeedCategory[];
  image?: FeedImage;
}

export interface Feed {
  title: string;
  /** Plain text; the site's tagline, a term's description, or the title when there is neither. */
  description: string;
  language: string;
  /** The HTML page this feed follows: the home page, an archive, or a post. */
  homeUrl: string;
  /** Where each format of this feed lives; the one being written is its rel=self. */
  urls: Record<FeedFormat, string>;
  /** The newest change among the items (or a stable fallback for an empty feed). */
  updated: Date;
  /** Stands in for an item without an author, as Atom requires one for every entry. */
  author: FeedPerson;
  items: FeedItem[];
}

export const MEDIA_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};
