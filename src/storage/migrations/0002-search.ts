import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { dialectOf } from '../dialect.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time (see 0001). */

/**
 * Full-text search over posts and pages: title, excerpt, the plain text of the body, tag names.
 * Triggers keep the index in step with every write to posts, post_terms and terms, so no repository
 * has to remember it. Snippets must never carry markup from the database, so the indexed text is
 * stripped of tags and of the two private-use characters that mark matches in a snippet.
 */
export const search: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    if (dialectOf(db) === 'sqlite') await upSqlite(db);
    else await upPostgres(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    if (dialectOf(db) === 'sqlite') {
      // Dropping the table drops the triggers on it, not those on posts, post_terms and terms.
      for (const trigger of SQLITE_TRIGGERS) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
      await sql`drop table if exists post_search`.execute(db);
      return;
    }
    await sql`drop trigger if exists post_search_insert on posts`.execute(db);
    await sql`drop trigger if exists post_search_update on posts`.execute(db);
    await sql`drop trigger if exists post_search_terms_added on post_terms`.execute(db);
    await sql`drop trigger if exists post_search_terms_removed on post_terms`.execute(db);
    await sql`drop trigger if exists post_search_term_renamed on terms`.execute(db);
    await sql`drop table if exists post_search`.execute(db);
    for (const fn of PG_FUNCTIONS) await sql`drop function if exists ${sql.raw(fn)}`.execute(db);
  },
};

// SQLite ----------------------------------------------------------------------------------------

const SQLITE_TRIGGERS = [
  'post_search_insert',
  'post_search_update',
  'post_search_delete',
  'post_search_tag_added',
  'post_search_tag_removed',
  'post_search_tag_renamed',
];

/**
 * Indexed text loses the snippet markers, and "ё" becomes "е": the unicode61 tokenizer folds Latin
 * diacritics but not this one, and Russian readers mostly type "е" for it. (Snippets therefore show
 * "е" where the post has "ё", as many Russian printers do.)
 */
const clean = (value: string) =>
  `replace(replace(replace(replace(${value}, char(57344), ''), char(57345), ''), 'ё', 'е'), 'Ё', 'Е')`;

/**
 * Plain text of sanitized HTML without regexp (SQLite has none built in): json_quote escapes the
 * HTML as one JSON string, splitting it at every "<" makes an array whose items each start with a
 * tag's insides up to ">", and what follows the first ">" of each is text. The formatter escapes
 * "<" and ">" in text, so these only ever delimit tags. Then the entities the formatter writes.
 */
const plainText = (html: string) => {
  const pieces = `json_each('[' || replace(json_quote(${html}), '<', '","') || ']')`;
  const text = `(select group_concat(substr(value, instr(value, '>') + 1), ' ' order by key) from ${pieces})`;
  const entities: [string, string][] = [
    ['&lt;', '<'],
    ['&gt;', '>'],
    ['&quot;', '"'],
    ['&#39;', "''"],
    ['&#x27;', "''"],
    ['&nbsp;', ' '],
    ['&amp;', '&'],
  ];
  return clean(entities.reduce((acc, [from, to]) => `replace(${acc}, '${from}', '${to}')`, text));
};

const tagsOf = (postId: string) =>
  `coalesce((select group_concat(${clean('t.name')}, ' ') from post_terms pt join terms t on t.id = pt.term_id
    where pt.post_id = ${postId} and t.taxonomy = 'tag'), '')`;

async function upSqlite(db: Kysely<any>): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(db);
  // Title, excerpt, body, tags: the order bm25() weights are given in (repositories/search.ts).
  await run(`create virtual table post_search using fts5(
    title, excerpt, body, tags, tokenize = 'unicode61 remove_diacritics 2')`);
  await run(`create trigger post_search_insert after insert on posts begin
    insert into post_search (rowid, title, excerpt, body, tags)
    values (new.id, ${clean('new.title')}, ${clean('new.excerpt')}, ${plainText('new.html')}, ${tagsOf('new.id')});
  end`);
  await run(`create trigger post_search_update after update of title, excerpt, html on posts
    when old.title is not new.title or old.excerpt is not new.excerpt or old.html is not new.html begin
    update post_search set title = ${clean('new.title')}, excerpt = ${clean('new.excerpt')},
      body = ${plainText('new.html')} where rowid = new.id;
  end`);
  await run(`create trigger post_search_delete after delete on posts begin
    delete from post_search where rowid = old.id;
  end`);
  await run(`create trigger post_search_tag_added after insert on post_terms begin
    update post_search set tags = ${tagsOf('new.post_id')} where rowid = new.post_id;
  end`);
  await run(`create trigger post_search_tag_removed after delete on post_terms begin
    update post_search set tags = ${tagsOf('old.post_id')} where rowid = old.post_id;
  end`);
  await run(`create trigger post_search_tag_renamed after update of name on terms
    when old.name is not new.name begin
    update post_search set tags = ${tagsOf('post_search.rowid')}
    where rowid in (select post_id from post_terms where term_id = new.id);
  end`);
  await run(`insert into post_search (rowid, title, excerpt, body, tags)
    select p.id, ${clean('p.title')}, ${clean('p.excerpt')}, ${plainText('p.html')}, ${tagsOf('p.id')} from posts p`);
}

// PostgreSQL ------------------------------------------------------------------------------------

const PG_FUNCTIONS = [
  'samizdat_search_post_changed()',
  'samizdat_search_terms_changed()',
  'samizdat_search_term_renamed()',
  'samizdat_search_refresh(integer[])',
  'samizdat_search_document(text, text, text, text)',
  'samizdat_search_vector(text)',
  'samizdat_search_text(text)',
  'samizdat_search_decode(text)',
  'samizdat_search_encode(text)',
  'samizdat_search_fold(text)',
  'samizdat_search_lower(text)',
];

/**
 * A collation that lower-cases every script. In a database created with the C locale, lower() and
 * to_tsvector leave Cyrillic upper case as it is, so "Выборы" would never meet "выборы".
 */
async function unicodeCollation(db: Kysely<any>): Promise<string | undefined> {
  const preferred = ['und-x-icu', 'C.utf8', 'C.UTF-8'];
  const { rows } = await sql<{ collname: string }>`
    select collname from pg_collation where collname in (${sql.join(preferred)})`.execute(db);
  const found = new Set(rows.map((r) => r.collname));
  return preferred.find((name) => found.has(name));
}

/**
 * The most text of one field that goes into the index: a tsvector cannot exceed 1 MB, and three
 * configurations of a very long imported post could. The rest of such a post is not searchable.
 */
const MAX_INDEXED_CHARS = 200_000;

/** Lower-casing, folding, and HTML to text: what both the index and the snippets go through. */
async function pgTextFunctions(db: Kysely<any>): Promise<void> {
  const collation = await unicodeCollation(db);
  const collate = collation === undefined ? sql`` : sql` collate ${sql.id(collation)}`;
  // Combining diacritics after decomposition, except the breve of "й", a letter in its own right.
  const marks = sql.lit(`(?<!и)[${String.fromCharCode(0x300)}-${String.fromCharCode(0x36f)}]`);
  await sql`create function samizdat_search_lower(value text) returns text
    language sql immutable parallel safe as $$ select lower(value${collate}) $$`.execute(db);
  // Lower case without diacritics ("Café" → "cafe", "Ёлка" → "елка"), for the 'simple' part.
  await sql`create function samizdat_search_fold(value text) returns text
    language sql immutable parallel safe as $$
    select normalize(regexp_replace(normalize(samizdat_search_lower(value), nfd), ${marks}, '', 'g'), nfc)
  $$`.execute(db);
  // The text search parser takes "<…>" for a tag and drops it, from the index and from ts_headline:
  // text stays entity-encoded until a snippet is cut, and is decoded after.
  await sql`create function samizdat_search_encode(value text) returns text
    language sql immutable parallel safe as $$
    select replace(replace(replace(value, '&', '&amp;'), '<', '&lt;'), '>', '&gt;')
  $$`.execute(db);
  await sql`create function samizdat_search_decode(value text) returns text
    language sql immutable parallel safe as $$
    select replace(replace(replace(replace(replace(replace(replace(value,
      '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&#x27;', ''''), '&nbsp;', ' '), '&amp;', '&')
  $$`.execute(db);
  // Sanitized HTML to entity-encoded text, without the snippet markers.
  await sql`create function samizdat_search_text(html text) returns text
    language sql immutable parallel safe as $$
    select regexp_replace(translate(regexp_replace(html, '<[^>]*>', ' ', 'g'), chr(57344) || chr(57345), ''),
      '\\s+', ' ', 'g')
  $$`.execute(db);
}

async function pgIndexFunctions(db: Kysely<any>): Promise<void> {
  // Stems, and every word as written, folded (Kazakh has no configuration). 'russian' stems Cyrillic
  // words with the Russian stemmer and ASCII ones with the English: an 'english' part would repeat it.
  await sql`create function samizdat_search_vector(value text) returns tsvector
    language sql immutable parallel safe as $$
    select to_tsvector('pg_catalog.russian', samizdat_search_lower(v))
      || to_tsvector('pg_catalog.simple', samizdat_search_fold(v))
    from (select left(value, ${sql.lit(MAX_INDEXED_CHARS)}) as v) as bounded
  $$`.execute(db);
  await sql`create function samizdat_search_document(title text, excerpt text, tags text, html text)
    returns tsvector language sql immutable parallel safe as $$
    select setweight(samizdat_search_vector(samizdat_search_encode(title)), 'A')
      || setweight(samizdat_search_vector(samizdat_search_encode(tags || ' ' || excerpt)), 'B')
      || setweight(samizdat_search_vector(samizdat_search_text(html)), 'C')
  $$`.execute(db);
  await sql`create function samizdat_search_refresh(ids integer[]) returns void language sql as $$
    insert into post_search (post_id, document)
    select p.id, samizdat_search_document(p.title, p.excerpt, coalesce((
      select string_agg(t.name, ' ') from post_terms pt join terms t on t.id = pt.term_id
      where pt.post_id = p.id and t.taxonomy = 'tag'), ''), p.html)
    from posts p where p.id = any(ids)
    on conflict (post_id) do update set document = excluded.document
  $$`.execute(db);
}

async function pgTriggers(db: Kysely<any>): Promise<void> {
  const trigger = (name: string, body: string) =>
    sql`create function ${sql.raw(name)}() returns trigger language plpgsql as $$
    begin perform samizdat_search_refresh(${sql.raw(body)}); return null; end $$`.execute(db);
  await trigger('samizdat_search_post_changed', 'array[new.id]');
  await trigger('samizdat_search_terms_changed', 'array(select distinct post_id from changed)');
  await trigger(
    'samizdat_search_term_renamed',
    'array(select post_id from post_terms where term_id = new.id)',
  );
  await sql`create trigger post_search_insert after insert on posts
    for each row execute function samizdat_search_post_changed()`.execute(db);
  await sql`create trigger post_search_update after update of title, excerpt, html on posts for each row
    when (old.title is distinct from new.title or old.excerpt is distinct from new.excerpt
      or old.html is distinct from new.html)
    execute function samizdat_search_post_changed()`.execute(db);
  // Per statement: setTerms writes a post's terms in one statement, indexed once.
  await sql`create trigger post_search_terms_added after insert on post_terms
    referencing new table as changed for each statement
    execute function samizdat_search_terms_changed()`.execute(db);
  await sql`create trigger post_search_terms_removed after delete on post_terms
    referencing old table as changed for each statement
    execute function samizdat_search_terms_changed()`.execute(db);
  await sql`create trigger post_search_term_renamed after update of name on terms for each row
    when (old.name is distinct from new.name)
    execute function samizdat_search_term_renamed()`.execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  // A deleted post's row goes with it (and TRUNCATE … CASCADE of posts empties this table too).
  await db.schema
    .createTable('post_search')
    .addColumn('post_id', 'integer', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .execute();
  await sql`create index post_search_document on post_search using gin (document)`.execute(db);
  await pgTextFunctions(db);
  await pgIndexFunctions(db);
  await pgTriggers(db);
  await sql`select samizdat_search_refresh(array(select id from posts))`.execute(db);
}
