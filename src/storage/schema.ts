import type { ColumnType, Generated } from 'kysely';

/**
 * Column types as the drivers hand them over. Timestamps are `timestamptz` in PostgreSQL (read as
 * Date) and integer milliseconds in SQLite (read as number); booleans are `boolean` and 0/1. The
 * repositories convert through `SqlDialect`, so nothing outside them sees the difference.
 */
export type Timestamp = ColumnType<Date | number, Date | number, Date | number>;
export type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface UsersTable {
  id: Generated<number>;
  login: string;
  /** Lower-cased in JavaScript: SQLite's lower() folds only ASCII, and logins may be Cyrillic. */
  login_key: string;
  email: string;
  email_key: string;
  display_name: string;
  bio: string;
  role: string;
  password_hash: string | null;
  created_at: Timestamp;
}

export interface PostsTable {
  id: Generated<number>;
  type: string;
  status: string;
  slug: string;
  title: string;
  source: string;
  /** 'markdown' or 'html' (imported); the column defaults to 'markdown' (migration 0003). */
  format: ColumnType<string, string | undefined, string>;
  html: string;
  excerpt: string;
  author_id: number;
  featured_media_id: number | null;
  image_alt: string;
  image_caption: string;
  image_credit: string;
  comment_status: string;
  sticky: Bool;
  published_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** What feed readers knew an imported post by (WordPress's guid); '' (migration 0009). */
  guid: ColumnType<string, string | undefined, string>;
  /** A protected post's password, '' for none; read only by `passwordOf` (migration 0009). */
  password: ColumnType<string, string | undefined, string>;
}

export interface TermsTable {
  id: Generated<number>;
  taxonomy: string;
  slug: string;
  name: string;
  parent_id: number | null;
  description: string;
}

export interface PostTermsTable {
  post_id: number;
  term_id: number;
}

export interface CommentsTable {
  id: Generated<number>;
  post_id: number;
  parent_id: number | null;
  kind: string;
  status: string;
  author_name: string;
  author_email: string;
  /** See `UsersTable.email_key`: the case-insensitive "has this reader been approved before" lookup. */
  author_email_key: string;
  author_url: string;
  identity_id: number | null;
  source: string;
  html: string;
  ip_hash: string;
  notify_replies: Bool;
  notify_posts: Bool;
  held_reason: string;
  created_at: Timestamp;
}

export interface SettingsTable {
  key: string;
  /** JSON text in both dialects, so a value reads back the same whichever database holds it. */
  value: string;
}

export interface MediaTable {
  id: Generated<number>;
  path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  /** JSON array of MediaVariant. */
  variants: string;
  created_at: Timestamp;
}

export interface AliasesTable {
  path: string;
  post_id: number;
}

/** An old address that answers 301 to a page here other than a post: a listing, a file (migration 0009). */
export interface RedirectsTable {
  /** As `AliasesTable.path`: a path, with the one query parameter that named the thing, if any. */
  path: string;
  /** A path on this site. */
  location: string;
}

/** A path an imported blog lived under (`/blog`), its listings and feeds answered without it (0009). */
export interface OldPrefixesTable {
  prefix: string;
  source: string;
}

/** Where imported rows came from: one row per thing an import wrote (migration 0003). */
export interface ImportMapTable {
  /** The exporting site, e.g. WordPress's base site URL. */
  source: string;
  /** 'post' (posts and pages), 'comment', 'author', 'term', 'media'. */
  kind: string;
  /** The thing's id (or login, or taxonomy/slug) at the source. */
  source_id: string;
  local_id: number;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  /** JSON object. */
  payload: string;
  attempts: number;
  created_at: Timestamp;
  processed_at: Timestamp | null;
}

/** Work claimed by one worker at a time under a lease (migration 0004). */
export interface JobsTable {
  id: Generated<number>;
  type: string;
  /** JSON object. */
  payload: string;
  key: string | null;
  /** 'pending' | 'running' | 'done' | 'failed'. */
  status: string;
  attempts: number;
  max_attempts: number;
  every_ms: number | null;
  run_at: Timestamp;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One counted attempt of a rate limit, shared by every instance (migration 0005). */
export interface RateLimitHitsTable {
  key: string;
  at: Timestamp;
  /** `at` plus the window it was counted in: past it, the row only waits to be pruned. */
  expires_at: Timestamp;
}

/** Addresses that asked for email (migration 0010). */
export interface SubscribersTable {
  id: Generated<number>;
  email: string;
  /** Lower-cased in JavaScript, as users' email_key. */
  email_key: string;
  identity_id: number | null;
  confirmed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  subscriber_id: number;
  /** 'posts' or 'replies:POST_ID'. */
  topic: string;
  post_id: number | null;
  confirmed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MailDeliveriesTable {
  key: string;
  created_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  posts: PostsTable;
  terms: TermsTable;
  post_terms: PostTermsTable;
  comments: CommentsTable;
  settings: SettingsTable;
  media: MediaTable;
  aliases: AliasesTable;
  redirects: RedirectsTable;
  old_prefixes: OldPrefixesTable;
  outbox: OutboxTable;
  import_map: ImportMapTable;
  jobs: JobsTable;
  rate_limit_hits: RateLimitHitsTable;
  subscribers: SubscribersTable;
  subscriptions: SubscriptionsTable;
  mail_deliveries: MailDeliveriesTable;
}
