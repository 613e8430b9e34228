/**
 * What a WordPress export (WXR 1.0–1.2) holds, as plain data, in the order the file gives it.
 * The reader (reader.ts) streams these; the importer (../wordpress/import.ts) turns them into our
 * content through core use cases. Field names follow WXR's elements, minus the `wp:` prefix.
 */

export interface WxrSite {
  title: string;
  /** `<link>` of the channel: the blog's public URL. */
  link: string;
  /** `wp:base_site_url` and `wp:base_blog_url`: used to recognise internal links and old paths. */
  baseSiteUrl: string;
  baseBlogUrl: string;
  language: string;
  /** `wp:wxr_version` (1.0, 1.1, 1.2); empty when the file does not say. */
  wxrVersion: string;
}

export interface WxrAuthor {
  id: number | null;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

export interface WxrTerm {
  taxonomy: 'category' | 'post_tag' | string;
  id: number | null;
  slug: string;
  name: string;
  /** The parent's slug (WXR names parents by slug), or '' for a top-level term. */
  parentSlug: string;
  description: string;
  /** `wp:termmeta` as key → value (last wins); the reader always sets it, possibly empty. */
  meta?: Record<string, string>;
}

export interface WxrComment {
  id: number;
  parentId: number;
  author: string;
  authorEmail: string;
  authorUrl: string;
  authorIp: string;
  /**
   * GMT, as written (`YYYY-MM-DD HH:MM:SS`); '' when the file gives none or WordPress's zero date
   * `0000-00-00 00:00:00`. `date` is the local time as written, kept for those files.
   */
  dateGmt: string;
  date: string;
  content: string;
  /** '1' approved, '0' pending, 'spam', 'trash'. */
  approved: string;
  /** '' or 'comment' for a comment; 'pingback', 'trackback'. */
  type: string;
  userId: number;
  meta: Record<string, string>;
}

export interface WxrItem {
  /** `wp:post_id`; 0 when the item has none in the WordPress namespace (such an item is not a post). */
  id: number;
  title: string;
  /** `<link>`: the post's public URL on the old site (its old path comes from here). */
  link: string;
  guid: string;
  creator: string;
  content: string;
  excerpt: string;
  /** Local time as written (`YYYY-MM-DD HH:MM:SS`). */
  postDate: string;
  /**
   * GMT as written; '' when absent or WordPress's zero date `0000-00-00 00:00:00`, which it writes
   * for drafts and pending posts (their time is fixed only on publication): use `postDate` then.
   */
  postDateGmt: string;
  /** GMT as written; '' when absent or zero, like `postDateGmt`. */
  postModifiedGmt: string;
  commentStatus: string;
  pingStatus: string;
  postName: string;
  /** publish, draft, pending, private, future, trash, inherit (attachments), auto-draft. */
  status: string;
  postParent: number;
  menuOrder: number;
  /** post, page, attachment, nav_menu_item, …; '' when the item has none (WordPress skips those). */
  postType: string;
  postPassword: string;
  isSticky: boolean;
  /** For attachments: the file's URL on the old site. */
  attachmentUrl: string;
  /** Categories and tags assigned, by taxonomy and slug (`<category domain="post_tag" nicename="x">`). */
  terms: { taxonomy: string; slug: string; name: string }[];
  /** `wp:postmeta` as key → value (last wins); `_thumbnail_id`, `_wp_attachment_metadata`, … */
  meta: Record<string, string>;
  comments: WxrComment[];
}

export type WxrEvent =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem };

/** A file that is not a WordPress export we can read: where, and why. */
export class WxrError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(line > 0 ? `line ${line}, column ${column}: ${message}` : message);
    this.line = line;
    this.column = column;
  }
}
