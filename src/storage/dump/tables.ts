import type { ColumnKind } from '../../core/ports/dump.ts';

/**
 * Every table a backup carries, parents before the tables that point at them (a restore writes them
 * in this order), with its key (the order rows are read in) and each column's kind. SQLite cannot
 * tell a timestamp or a boolean from an integer, so the kinds are written down here; the storage
 * test compares this list with the migrated schema, so a migration that adds a table or a column
 * without saying it here fails that test instead of being silently left out of backups. A table or
 * column named here that a database does not have (an older schema) is simply not in its backup.
 */
export interface TableSpec {
  name: string;
  key: string[];
  /** The column the database numbers itself (AUTOINCREMENT / identity), whose counter a backup keeps. */
  counter?: string;
  /** A column naming another row of the same table, which may come later in key order. */
  selfReference?: string;
  columns: Record<string, ColumnKind>;
}

const I = 'integer';
const T = 'text';
const TS = 'timestamp';
const B = 'boolean';

export const DUMP_TABLES: readonly TableSpec[] = [
  {
    name: 'users',
    key: ['id'],
    counter: 'id',
    columns: {
      id: I,
      login: T,
      login_key: T,
      email: T,
      email_key: T,
      display_name: T,
      bio: T,
      role: T,
      password_hash: T,
      created_at: TS,
    },
  },
  {
    name: 'media',
    key: ['id'],
    counter: 'id',
    columns: { id: I, path: T, mime: T, width: I, height: I, bytes: I, variants: T, created_at: TS },
  },
  {
    name: 'posts',
    key: ['id'],
    counter: 'id',
    columns: {
      id: I,
      type: T,
      status: T,
      slug: T,
      title: T,
      source: T,
      format: T,
      html: T,
      excerpt: T,
      author_id: I,
      featured_media_id: I,
      image_alt: T,
      image_caption: T,
      image_credit: T,
      comment_status: T,
      sticky: B,
      published_at: TS,
      created_at: TS,
      updated_at: TS,
      // What WordPress knew an imported post by (migration 0009, from another branch).
      guid: T,
      password: T,
    },
  },
  {
    name: 'terms',
    key: ['id'],
    counter: 'id',
    selfReference: 'parent_id',
    columns: { id: I, taxonomy: T, slug: T, name: T, parent_id: I, description: T },
  },
  { name: 'post_terms', key: ['post_id', 'term_id'], columns: { post_id: I, term_id: I } },
  {
    name: 'comments',
    key: ['id'],
    counter: 'id',
    selfReference: 'parent_id',
    columns: {
      id: I,
      post_id: I,
      parent_id: I,
      kind: T,
      status: T,
      author_name: T,
      author_email: T,
      author_email_key: T,
      author_url: T,
      identity_id: I,
      source: T,
      html: T,
      ip_hash: T,
      notify_replies: B,
      notify_posts: B,
      held_reason: T,
      created_at: TS,
    },
  },
  // Readers' e-mail subscriptions and the notifications already planned (migration 0010, from
  // another branch): a restored site neither forgets a subscriber nor mails anyone twice.
  {
    name: 'subscribers',
    key: ['id'],
    counter: 'id',
    columns: { id: I, email: T, email_key: T, identity_id: I, confirmed_at: TS, created_at: TS },
  },
  {
    name: 'subscriptions',
    key: ['id'],
    counter: 'id',
    columns: { id: I, subscriber_id: I, topic: T, post_id: I, confirmed_at: TS, created_at: TS },
  },
  { name: 'mail_deliveries', key: ['key'], columns: { key: T, created_at: TS } },
  { name: 'settings', key: ['key'], columns: { key: T, value: T } },
  { name: 'aliases', key: ['path'], columns: { path: T, post_id: I } },
  {
    name: 'import_map',
    key: ['source', 'kind', 'source_id'],
    columns: { source: T, kind: T, source_id: T, local_id: I },
  },
  {
    name: 'outbox',
    key: ['id'],
    counter: 'id',
    columns: { id: I, topic: T, payload: T, attempts: I, created_at: TS, processed_at: TS },
  },
  {
    name: 'jobs',
    key: ['id'],
    counter: 'id',
    columns: {
      id: I,
      type: T,
      payload: T,
      key: T,
      status: T,
      attempts: I,
      max_attempts: I,
      every_ms: I,
      run_at: TS,
      locked_by: T,
      locked_until: TS,
      last_error: T,
      created_at: TS,
      updated_at: TS,
    },
  },
  // Old addresses that lead elsewhere than a post, and the folders imported blogs lived under
  // (migration 0009, from another branch).
  { name: 'redirects', key: ['path'], columns: { path: T, location: T } },
  { name: 'old_prefixes', key: ['prefix'], columns: { prefix: T, source: T } },
];

/**
 * Tables a backup leaves out: the migrations' own bookkeeping; the search index, which the
 * database's triggers rebuild from the posts as a restore writes them (SQLite's FTS5 keeps its
 * index in shadow tables named after it); and the rate limits' recent hits, which expire in minutes.
 */
export function isLeftOut(table: string): boolean {
  return (
    table.startsWith('kysely_') ||
    table.startsWith('sqlite_') ||
    table.startsWith('post_search') ||
    table === 'rate_limit_hits'
  );
}

/** Tables a site fills on its own when any command first opens it: a restore replaces their rows. */
export const SELF_FILLED = new Set(['outbox', 'jobs']);
