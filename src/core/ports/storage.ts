import type { Comment, CommentQuery, CommentStatus, NewComment } from '../comments/comment.ts';
import type { NewPost, Page, Post, PostQuery, PostSummary, PostType } from '../posts/post.ts';
import type { Media, NewMedia } from '../site/media.ts';
import type { NewTerm, Taxonomy, Term } from '../site/terms.ts';
import type { NewUser, User } from '../users/user.ts';

export interface PostRepository {
  create(post: NewPost): Promise<Post>;
  update(id: number, post: NewPost): Promise<Post>;
  findById(id: number): Promise<Post | undefined>;
  findBySlug(slug: string, type?: PostType): Promise<Post | undefined>;
  /** Newest first (sticky posts first on the home page is the caller's choice via `query`). */
  list(query: PostQuery, now: Date): Promise<Page<PostSummary>>;
  /** Replaces the post's tags and categories with these terms. */
  setTerms(postId: number, termIds: number[]): Promise<void>;
  /** The tags and categories of each post, by post id (a listing asks once for all its posts). */
  termsOf(postIds: number[]): Promise<Map<number, Term[]>>;
  count(): Promise<number>;
}

export interface TermRepository {
  /** Finds the term by taxonomy and slug, creating it when it does not exist. */
  ensure(term: NewTerm): Promise<Term>;
  findBySlug(taxonomy: Taxonomy, slug: string): Promise<Term | undefined>;
  list(taxonomy: Taxonomy): Promise<Term[]>;
}

export interface CommentRepository {
  create(comment: NewComment): Promise<Comment>;
  findById(id: number): Promise<Comment | undefined>;
  /**
   * A post's discussion in the order it happened: approved comments plus the listed ones
   * whatever their status (a reader's own held comments).
   */
  forPost(postId: number, alsoIds: number[]): Promise<Comment[]>;
  list(query: CommentQuery): Promise<Page<Comment & { postTitle: string; postSlug: string }>>;
  setStatus(id: number, status: CommentStatus): Promise<boolean>;
  /** Deletes for good; replies move up to the deleted comment's parent, as in WordPress. */
  delete(id: number): Promise<boolean>;
  hasApprovedFromEmail(email: string): Promise<boolean>;
  count(): Promise<number>;
}

export interface UserRepository {
  create(user: NewUser): Promise<User>;
  findById(id: number): Promise<User | undefined>;
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
  findByPath(path: string): Promise<Media | undefined>;
}

/** Old paths (imported WordPress URLs) that answer with a 301 to a post. */
export interface AliasRepository {
  put(path: string, postId: number): Promise<void>;
  find(path: string): Promise<number | undefined>;
}

export interface OutboxMessage {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date;
}

/** Side effects written in the same transaction as the change that causes them. */
export interface OutboxRepository {
  add(topic: string, payload: Record<string, unknown>): Promise<void>;
  /** Oldest unprocessed first. */
  pending(limit: number): Promise<OutboxMessage[]>;
  markDone(id: number): Promise<void>;
  markFailed(id: number): Promise<void>;
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
  adjacent(post: Post, now: Date): Promise<{ previous: Post | undefined; next: Post | undefined }>;
  /** Public posts sharing the most tags with this one, newest first among equals. */
  related(post: Post, limit: number, now: Date): Promise<Post[]>;
  /** Public posts or pages, oldest first, a page of them at a time (sitemaps split at 50,000). */
  publicPosts(type: PostType, now: Date, limit: number, offset: number): Promise<SitemapEntry[]>;
  countPublic(type: PostType, now: Date): Promise<number>;
  /** Terms with at least one public post, with that newest post's date. */
  termsInUse(taxonomy: Taxonomy, now: Date): Promise<SitemapEntry[]>;
  /** Authors with at least one public post, with that newest post's date. */
  authorsInUse(now: Date): Promise<SitemapEntry[]>;
}

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
}

export interface Storage extends Repositories {
  readonly dialect: 'sqlite' | 'postgres';
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
