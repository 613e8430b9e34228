import type { Comment, CommentQuery, CommentStatus, NewComment, ShownComment } from '../comments/comment.ts';
import type { SiteEvent } from '../events/events.ts';
import type {
  NewPost,
  Page,
  Post,
  PostRef,
  PostQuery,
  PostSummary,
  PostType,
  ShownPost,
} from '../posts/post.ts';
import type { Media, NewMedia } from '../site/media.ts';
import type { NewTerm, Taxonomy, Term } from '../site/terms.ts';
import type { NewUser, User } from '../users/user.ts';
import type { SiteDumps } from './dump.ts';
import type { JobRepository } from './jobs.ts';
import type { SubscriptionRepository } from './subscriptions.ts';

export interface PostRepository {
  create(post: NewPost): Promise<Post>;
  update(id: number, post: NewPost): Promise<Post>;
  /** Deletes for good, with its comments, its terms and its old paths; false when it did not exist. */
  delete(id: number): Promise<boolean>;
  findById(id: number): Promise<Post | undefined>;
  findBySlug(slug: string, type?: PostType): Promise<Post | undefined>;
  /** A post as readers are shown it, by slug or id: every column but the Markdown source. */
  findShown(where: { slug: string } | { id: number }): Promise<ShownPost | undefined>;
  /** A protected post's password ('' for none): for checking it, for staff, for an export. Never shown. */
  passwordOf(id: number): Promise<string | undefined>;
  /**
   * Newest first (sticky posts first on the home page is the caller's choice via `query`). The page
   * is found on the listing's index alone (an offset skips index entries, never rows), then only its
   * posts are read.
   */
  list(query: PostQuery, now: Date): Promise<Page<PostSummary>>;
  /** Replaces the post's tags and categories with these terms. */
  setTerms(postId: number, termIds: number[]): Promise<void>;
  /** The tags and categories of each post, by post id (a listing asks once for all its posts). */
  termsOf(postIds: number[]): Promise<Map<number, Term[]>>;
  count(): Promise<number>;
  /**
   * Every post and page whatever its status, in id order: the first `limit` after `afterId`. An
   * export walks the whole site with it, one page at a time.
   */
  allAfter(afterId: number, limit: number): Promise<Post[]>;
  /** The highest post id, 0 without posts (an export numbers attachments after it). */
  lastId(): Promise<number>;
  /** Posts and pages scheduled for `now` or earlier, due first. */
  scheduledDue(now: Date, limit: number): Promise<number[]>;
  /** Scheduled to published, if it still is scheduled and due; false when someone else did it first. */
  publishScheduled(id: number, now: Date): Promise<boolean>;
  /** Published posts and pages still open for comments that came out at `cutoff` or earlier. */
  openForCommentsBefore(cutoff: Date, limit: number): Promise<number[]>;
  /** Closes comments if still open and out by `cutoff`; false when there was nothing to close. */
  closeComments(id: number, cutoff: Date): Promise<boolean>;
}

export interface TermRepository {
  /** Finds the term by taxonomy and slug, creating it when it does not exist. */
  ensure(term: NewTerm): Promise<Term>;
  findBySlug(taxonomy: Taxonomy, slug: string): Promise<Term | undefined>;
  list(taxonomy: Taxonomy): Promise<Term[]>;
}

/** Where a walk through comments in post order stands: the last comment it has seen. */
export interface PostOrderCursor {
  postId: number;
  id: number;
}

export interface CommentRepeat {
  postId: number;
  source: string;
  email: string;
  ipHash: string;
  since: Date;
}

export interface CommentRepository {
  create(comment: NewComment): Promise<Comment>;
  findById(id: number): Promise<Comment | undefined>;
  /**
   * A post's discussion in the order it happened: approved comments plus the listed ones
   * whatever their status (a reader's own held comments).
   */
  forPost(postId: number, alsoIds: number[]): Promise<ShownComment[]>;
  /**
   * The newest approved comments under posts the public may see at `now`, newest first, each with
   * the post it is under: one query, whatever the number of posts (the site-wide comments feed).
   */
  latestPublic(limit: number, now: Date): Promise<{ comment: ShownComment; post: PostRef }[]>;
  list(query: CommentQuery): Promise<Page<Comment & { postTitle: string; postSlug: string }>>;
  setStatus(id: number, status: CommentStatus): Promise<boolean>;
  /** Replaces a comment's text (what was written and the HTML made from it); false when it is gone. */
  setText(id: number, source: string, html: string): Promise<boolean>;
  /** Deletes for good; replies move up to the deleted comment's parent, as in WordPress. */
  delete(id: number): Promise<boolean>;
  hasApprovedFromEmail(email: string): Promise<boolean>;
  /**
   * The id of a comment, not in the trash, on `postId` with exactly this `source`, written at or
   * after `since` by the same person: the same email (case-insensitively) or the same IP hash.
   */
  findRepeat(repeat: CommentRepeat): Promise<number | undefined>;
  /**
   * Inside a transaction: other transactions taking the same lock wait until this one ends, so a
   * repeat check and the write after it are one step across instances (PostgreSQL's advisory lock;
   * SQLite's transactions already take the one write lock).
   */
  lockDiscussion(postId: number): Promise<void>;
  count(): Promise<number>;
  /**
   * Every comment whatever its status, ordered by post and then id: the first `limit` after `after`
   * on posts up to `lastPostId`. An export walks them beside the posts, one page at a time.
   */
  allAfter(after: PostOrderCursor, lastPostId: number, limit: number): Promise<Comment[]>;
}

export interface UserRepository {
  create(user: NewUser): Promise<User>;
  findById(id: number): Promise<User | undefined>;
  /** The users with these ids that exist, in no particular order (a listing's authors, at once). */
  findByIds(ids: number[]): Promise<User[]>;
  findByLogin(login: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  list(): Promise<User[]>;
}

export interface SettingsRepository {
  all(): Promise<Record<string, unknown>>;
  set(key: string, value: unknown): Promise<void>;
}

export interface MediaRepository {
  create(media: NewMedia): Promise<Media>;
  findById(id: number): Promise<Media | undefined>;
  /** The media records with these ids that exist, in no particular order (a listing's photos, at once). */
  findByIds(ids: number[]): Promise<Media[]>;
  findByPath(path: string): Promise<Media | undefined>;
  /** Every media record in id order: the first `limit` after `afterId` (for an export). */
  allAfter(afterId: number, limit: number): Promise<Media[]>;
}

export interface SearchQuery {
  /** What the reader typed; the repository keeps only its words, so any text is safe here. */
  text: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  post: PostSummary;
  /**
   * A passage of the post's plain text (or its excerpt) around the match, with each matched word
   * between SEARCH_MARK_START and SEARCH_MARK_END (core/reading/search.ts). Plain text, never HTML:
   * render/ escapes it and turns the markers into <mark>.
   */
  snippet: string;
}

/** Full-text search over what readers may see: published posts and pages whose date has come. */
export interface SearchRepository {
  /**
   * Best match first. Every word of the query must match (a title, the excerpt, the body or a tag
   * name): a word of three letters or more as a prefix of an indexed word and, where the database has
   * a stemmer, in any form of it; a shorter one exactly. A query without words gives an empty page.
   */
  posts(query: SearchQuery, now: Date): Promise<Page<SearchHit>>;
}

export interface Alias {
  path: string;
  postId: number;
}

/** An old address that answers with a 301 to a page here other than a post (a listing, a file). */
export interface Redirect {
  path: string;
  location: string;
}

/** What an old address leads to: a post, or another page of the site. */
export type AliasTarget = { postId: number } | { location: string };

/**
 * Old addresses (imported WordPress URLs) that answer with a 301: a path as the old site wrote it,
 * with the one WordPress query parameter that named the thing when it had one (`/blog/?p=42`; see
 * docs/adr/0019). Also the paths old blogs lived under (`/blog`), whose listings answer without it.
 */
export interface AliasRepository {
  put(path: string, postId: number): Promise<void>;
  find(path: string): Promise<number | undefined>;
  /** The page an old address that is not a post's leads to. */
  findRedirect(path: string): Promise<string | undefined>;
  /** Which of these addresses already lead somewhere, and where (posts first). */
  claims(paths: string[]): Promise<Map<string, AliasTarget>>;
  /** Adds redirects; an address already taken keeps what it had. */
  addRedirects(redirects: Redirect[]): Promise<void>;
  /** Records the path an imported blog lived under (no trailing slash), from which source. */
  addPrefix(prefix: string, source: string): Promise<void>;
  /** The recorded prefixes `path` lies under, longest first. */
  prefixesOf(path: string): Promise<string[]>;
  /** Every alias ordered by post and then path: the first `limit` after `after` (for an export). */
  allAfter(after: Alias, limit: number): Promise<Alias[]>;
}

/** What an import records of each row it wrote: which kind of thing, and its id at the source. */
export const IMPORT_KINDS = ['post', 'comment', 'author', 'term', 'media'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportRecord {
  kind: ImportKind;
  /** The id at the source: a WordPress post or comment id, an author's login, `category/slug`… */
  sourceId: string;
  localId: number;
}

/** A comment an import writes: its parent is a comment already stored, or an earlier one of the same call. */
export interface ImportedComment extends Omit<NewComment, 'parentId'> {
  parent: { id: number } | { index: number } | null;
}

/**
 * Where imported rows came from, per source (a WordPress site's base URL), so an import run again
 * skips what it already wrote. Written in the same transaction as the rows themselves.
 */
export interface ImportRepository {
  /**
   * Writes posts with their tags and categories in a few statements (their slugs are free: the
   * import planned them). Returns their ids in the order given, ascending. The search index
   * follows as for any post.
   */
  addPosts(posts: { post: NewPost; termIds: number[] }[]): Promise<number[]>;
  /** Old paths that answer with a 301 to a post; a path already taken moves to the new post, as `put` does. */
  addAliases(aliases: Alias[]): Promise<void>;
  /**
   * Writes a post's comments in a few statements rather than one each (an import writes hundreds
   * of thousands): their ids are reserved first, so a reply can name a parent of the same call.
   * Returns the ids in the order given, ascending.
   */
  addComments(comments: ImportedComment[]): Promise<number[]>;
  /** Records these rows; a record that already exists keeps its first local id. */
  record(source: string, records: ImportRecord[]): Promise<void>;
  find(source: string, kind: ImportKind, sourceId: string): Promise<number | undefined>;
  /** Every record of one kind from one source, source id to local id (posts, authors: not comments). */
  all(source: string, kind: ImportKind): Promise<Map<string, number>>;
  /** The recorded comments of one local post, source id to local id. */
  commentsOf(source: string, postId: number): Promise<Map<string, number>>;
  /** The local post imported under this source id from any source, the first imported if several. */
  findPost(sourceId: string): Promise<number | undefined>;
}

/** An event as the outbox holds it: what happened (`type`, a payload of ids), in the order written. */
export interface OutboxEvent {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Events written in the same transaction as the change that causes them. A dispatcher (src/jobs)
 * turns each into the jobs it implies and signals it to every instance, exactly once per event.
 */
export interface OutboxRepository {
  add(event: SiteEvent): Promise<void>;
  /**
   * Oldest first, events not dispatched yet. Inside a transaction on PostgreSQL the rows stay locked
   * until it ends and other dispatchers skip them, so two never dispatch the same event.
   */
  undispatched(limit: number): Promise<OutboxEvent[]>;
  markDispatched(ids: number[], now: Date): Promise<void>;
  /** Dispatched events after `afterId`, oldest first: how an instance catches up on missed signals. */
  dispatchedAfter(afterId: number, limit: number): Promise<OutboxEvent[]>;
  /** The highest event id, 0 without events. */
  lastId(): Promise<number>;
}

/** One line of a sitemap: where a thing lives and when it last changed. */
export interface SitemapEntry {
  /** A post's or page's slug, a term's slug, or an author's login. */
  slug: string;
  type?: PostType;
  publishedAt?: Date;
  lastModified: Date;
}

/** How readers and crawlers find their way from one post to the next. Public posts only. */
export interface DiscoveryRepository {
  /** The public posts published just before and just after this one. */
  adjacent(
    post: Pick<Post, 'id' | 'publishedAt'>,
    now: Date,
  ): Promise<{ previous: PostRef | undefined; next: PostRef | undefined }>;
  /**
   * Public posts sharing the most tags with this one, newest first among equals. The candidates are
   * the newest RELATED_CANDIDATES posts (by id) of each of its tags, so the cost does not grow with
   * the size of a tag that half the site carries.
   */
  related(post: Pick<Post, 'id'>, limit: number, now: Date): Promise<PostRef[]>;
  /** Public posts or pages, oldest first, a page of them at a time (sitemaps split at 50,000). */
  publicPosts(type: PostType, now: Date, limit: number, offset: number): Promise<SitemapEntry[]>;
  countPublic(type: PostType, now: Date): Promise<number>;
  /** Terms with at least one public post, with that newest post's date. */
  termsInUse(taxonomy: Taxonomy, now: Date): Promise<SitemapEntry[]>;
  /** Authors with at least one public post, with that newest post's date. */
  authorsInUse(now: Date): Promise<SitemapEntry[]>;
}

/** How many of a tag's newest posts `related` weighs (see DiscoveryRepository.related). */
export const RELATED_CANDIDATES = 200;

export interface Repositories {
  posts: PostRepository;
  discovery: DiscoveryRepository;
  terms: TermRepository;
  comments: CommentRepository;
  users: UserRepository;
  settings: SettingsRepository;
  media: MediaRepository;
  aliases: AliasRepository;
  outbox: OutboxRepository;
  jobs: JobRepository;
  search: SearchRepository;
  imports: ImportRepository;
  subscriptions: SubscriptionRepository;
}

export interface Storage extends Repositories {
  readonly dialect: 'sqlite' | 'postgres';
  /** The whole site as rows, for backup and restore (outside any transaction: it makes its own). */
  readonly dumps: SiteDumps;
  /** Runs `work` in one transaction: all of it is written, or none. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A write that would break a uniqueness rule (a slug, a login) that the caller can explain. */
export class ConflictError extends Error {
  readonly what: string;
  constructor(what: string) {
    super(`${what} is already taken`);
    this.what = what;
  }
}
