import type { ShownComment } from '../../core/comments/comment.ts';
import type { FeaturedImage } from '../../core/posts/post.ts';
import type { Media } from '../../core/site/media.ts';
import { authorPath } from '../components/post.ts';
import { authorName } from '../components/comments.ts';
import { mediaUrl } from '../components/image.ts';
import { empty, firstParagraph, h, isHttpUrl, textOf, truncateWords } from '../html.ts';
import { translator, type Translator } from '../i18n/index.ts';
import type { PostLink, SiteView } from '../views.ts';
import { absolutizeHtml } from './absolute.ts';
import type { Feed, FeedFormat, FeedImage, FeedItem } from './model.ts';

/** Enough text for a reader to decide whether to click through, as in WordPress's excerpts. */
const SUMMARY_CHARS = 300;

/** The picture inside the text: a resized copy at least this wide, not the full-size upload. */
const CONTENT_IMAGE_WIDTH = 1200;

/** Which feed this is; the words around it (its title) come from the site's language. */
export type FeedScope =
  | { kind: 'site' | 'comments' }
  | { kind: 'tag' | 'category' | 'author'; name: string; description: string }
  | { kind: 'post-comments'; title: string };

export interface FeedPlace {
  site: SiteView;
  scope: FeedScope;
  /** Site path of the HTML page the feed follows, e.g. `/tag/x/`. */
  homePath: string;
  /** Site path of each format. */
  paths: Record<FeedFormat, string>;
  /** `updated` of a feed with no items, so that it does not change from one request to the next. */
  emptyUpdated: Date;
}

/** A comment with what its feed item needs of its post. */
export interface CommentEntry {
  comment: ShownComment;
  postTitle: string;
  /** Site path of the post. */
  postPath: string;
}

const ARCHIVE_KEYS = { tag: 'archive.tag', category: 'archive.category', author: 'archive.author' } as const;

function feedTitle(place: FeedPlace, t: Translator): string {
  const site = place.site.settings.title;
  const { scope } = place;
  switch (scope.kind) {
    case 'site':
      return site;
    case 'comments':
      return t.t('feed.siteComments', { site });
    case 'post-comments':
      return t.t('feed.comments', { title: scope.title });
    default:
      return `${site} – ${t.t(ARCHIVE_KEYS[scope.kind], { name: scope.name })}`;
  }
}

/**
 * A tag: URI (RFC 4151) names an item for good, whatever its URL becomes under another permalink
 * template. The date is the item's creation day, when this site certainly held the domain. A host
 * that is no DNS name (an IP literal) cannot mint one; the item's URL stands in.
 */
export function itemId(baseUrl: string, created: Date, specific: string, url: string): string {
  const host = new URL(baseUrl).hostname.toLowerCase();
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) return url;
  return `tag:${host},${created.toISOString().slice(0, 10)}:${specific}`;
}

function enclosure(media: Media, baseUrl: string): FeedImage {
  const { mime, bytes, width, height } = media;
  return { url: baseUrl + mediaUrl(media.path), mime, bytes, width, height };
}

function contentSrc(media: Media): string {
  const same = media.variants.filter((v) => v.mime === media.mime).sort((a, b) => a.width - b.width);
  const chosen = same.find((v) => v.width >= CONTENT_IMAGE_WIDTH) ?? same[same.length - 1];
  return mediaUrl(chosen?.path ?? media.path);
}

/** The featured photo with its caption and credit, which a feed reader would otherwise never show. */
function featuredHtml(media: Media, image: FeaturedImage, t: Translator): string {
  const caption = image.caption.trim();
  const credit = image.credit.trim();
  const figcaption =
    caption || credit
      ? h`<figcaption>${caption}${caption && credit ? ' ' : ''}${credit ? t.t('post.photoCredit', { credit }) : ''}</figcaption>`
      : empty;
  return String(
    h`<figure><img src="${contentSrc(media)}" width="${media.width}" height="${media.height}" alt="${image.alt}">${figcaption}</figure>\n`,
  );
}

function postItem(link: PostLink, site: SiteView, t: Translator): FeedItem {
  const { post, author, image } = link;
  if (post.protected) return protectedItem(link, site, t);
  const { baseUrl, settings } = site;
  const url = baseUrl + link.url;
  const figure = post.image && image ? featuredHtml(image, post.image, t) : '';
  return {
    // An imported post keeps the id its subscribers' readers already know it by.
    id: post.guid || itemId(baseUrl, post.createdAt, `post-${post.id}`, url),
    url,
    title: post.title,
    contentHtml: settings.feedFullText ? absolutizeHtml(figure + post.html, url) : undefined,
    summary: truncateWords(post.excerpt.trim() || firstParagraph(post.html), SUMMARY_CHARS),
    published: post.publishedAt,
    // A post scheduled before it was last edited was still first seen when it came out.
    modified: post.updatedAt > post.publishedAt ? post.updatedAt : post.publishedAt,
    authors: author ? [{ name: author.displayName, url: baseUrl + authorPath(author.login) }] : [],
    categories: link.terms.map((term) => ({
      term: term.slug,
      label: term.name,
      scheme: `${baseUrl}/${term.taxonomy}/`,
    })),
    image: post.image && image ? enclosure(image, baseUrl) : undefined,
  };
}

/** A post behind a password: its title, date and author, and a notice for all its text. */
function protectedItem(link: PostLink, site: SiteView, t: Translator): FeedItem {
  const { post, author } = link;
  const { baseUrl } = site;
  const url = baseUrl + link.url;
  const notice = t.t('post.protectedShort');
  return {
    id: post.guid || itemId(baseUrl, post.createdAt, `post-${post.id}`, url),
    url,
    title: t.t('post.protectedTitle', { title: post.title }),
    contentHtml: String(h`<p>${notice}</p>`),
    summary: notice,
    published: post.publishedAt,
    modified: post.updatedAt > post.publishedAt ? post.updatedAt : post.publishedAt,
    authors: author ? [{ name: author.displayName, url: baseUrl + authorPath(author.login) }] : [],
    categories: [],
    image: undefined,
  };
}

function commentItem(entry: CommentEntry, site: SiteView, t: Translator): FeedItem {
  const { comment } = entry;
  const postUrl = site.baseUrl + entry.postPath;
  const url = `${postUrl}#comment-${comment.id}`;
  const name = authorName(comment.authorName, t);
  const website = comment.authorUrl.trim();
  return {
    id: itemId(site.baseUrl, comment.createdAt, `comment-${comment.id}`, url),
    url,
    title: t.t('feed.commentTitle', { post: entry.postTitle, name }),
    contentHtml: absolutizeHtml(comment.html, postUrl),
    summary: truncateWords(textOf(comment.html), SUMMARY_CHARS),
    published: comment.createdAt,
    modified: comment.createdAt,
    // The name and website a reader chose to show; their email never leaves the database.
    authors: [isHttpUrl(website) ? { name, url: website } : { name }],
    categories: [],
  };
}

function feed(place: FeedPlace, items: FeedItem[], t: Translator): Feed {
  const { site, scope } = place;
  const { baseUrl, settings } = site;
  const described = 'description' in scope ? scope.description.trim() : '';
  const newest = items.reduce<Date | undefined>(
    (max, i) => (!max || i.modified > max ? i.modified : max),
    undefined,
  );
  return {
    title: feedTitle(place, t),
    description: described || settings.tagline || feedTitle(place, t),
    language: settings.language,
    homeUrl: baseUrl + place.homePath,
    urls: {
      rss: baseUrl + place.paths.rss,
      atom: baseUrl + place.paths.atom,
      json: baseUrl + place.paths.json,
    },
    updated: newest ?? place.emptyUpdated,
    author: { name: settings.title, url: `${baseUrl}/` },
    items,
  };
}

/** Posts, newest first, as the feed of the site or of one archive. */
export function postsFeed(place: FeedPlace, posts: PostLink[]): Feed {
  const t = translator(place.site.settings.language, place.site.settings.timezone);
  return feed(
    place,
    posts.map((link) => postItem(link, place.site, t)),
    t,
  );
}

/** Approved comments, newest first: the whole site's, or one post's. */
export function commentsFeed(place: FeedPlace, entries: CommentEntry[]): Feed {
  const t = translator(place.site.settings.language, place.site.settings.timezone);
  return feed(
    place,
    entries.map((entry) => commentItem(entry, place.site, t)),
    t,
  );
}
