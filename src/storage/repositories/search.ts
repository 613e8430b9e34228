import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { SearchHit, SearchQuery, SearchRepository } from '../../core/ports/storage.ts';
import {
  SEARCH_MARK_END,
  SEARCH_MARK_START,
  searchTerms,
  type SearchTerm,
} from '../../core/reading/search.ts';
import { publicAt } from '../../core/reading/visibility.ts';
import { readCount, type SqlDialect } from '../dialect.ts';
import { visibleSql } from '../visibility.ts';
import type { Database } from '../schema.ts';
import { shownPostsByIds } from './posts.ts';

/**
 * Search over the index that migration 0002 builds and its triggers keep current. Only the words of a
 * query (core/reading/search.ts) reach the database, each bound as a parameter: no user text is ever
 * part of the SQL or of the search syntax. Every word must match, by its stem as a prefix ("выбор"*)
 * or exactly (short words: only exactly); the exact form matches twice, so it ranks first.
 */

/** Enough for any page a reader asks for; a larger limit from a caller is a mistake, not a wish. */
const MAX_LIMIT = 100;

interface HitRow {
  id: number;
  body_snippet: string | null;
  excerpt_snippet: string | null;
  comment_count: number | string;
}

interface CountRow {
  n: number | string;
}

interface Bounds {
  limit: number;
  offset: number;
  /** Which posts the public may find (core/reading/visibility.ts), on the `p` alias. */
  visible: RawBuilder<unknown>;
}

const COMMENT_COUNT = sql`(select count(*) from comments c
  where c.post_id = p.id and c.status = 'approved' and c.kind = 'comment')`;

// SQLite: FTS5 ----------------------------------------------------------------------------------

/** A quoted FTS5 string is matched as text, whatever it holds; "ё" folds as the index folds it. */
const phrase = (text: string) => `"${text.replaceAll('ё', 'е').replaceAll('"', '""')}"`;

function ftsQuery(terms: SearchTerm[]): string {
  return terms
    .map((t) => (t.prefix ? `(${phrase(t.word)} OR ${phrase(t.stem)}*)` : phrase(t.word)))
    .join(' AND ');
}

/** bm25() weights in the table's column order (title, excerpt, body, tags): the title counts most. */
const BM25 = sql`bm25(post_search, 10.0, 4.0, 1.0, 5.0)`;
/** Snippets of at most this many words (FTS5's limit is 64). */
const SNIPPET_TOKENS = 24;

async function sqliteSearch(db: Kysely<Database>, match: string, b: Bounds) {
  const snippet = (column: number) =>
    sql`snippet(post_search, ${sql.lit(column)}, ${SEARCH_MARK_START}, ${SEARCH_MARK_END}, '…', ${sql.lit(SNIPPET_TOKENS)})`;
  // Ranks every match but makes snippets for one page only: snippet() re-reads the text it cuts.
  const hits = sql<HitRow>`with page as (
      select p.id, p.published_at, ${BM25} as rank from post_search join posts p on p.id = post_search.rowid
      where post_search match ${match} and ${b.visible}
      order by rank, p.published_at desc, p.id desc limit ${b.limit} offset ${b.offset}
    )
    select p.id, ${snippet(2)} as body_snippet, ${snippet(1)} as excerpt_snippet, ${COMMENT_COUNT} as comment_count
    from page join post_search on post_search.rowid = page.id join posts p on p.id = page.id
    where post_search match ${match}
    order by page.rank, page.published_at desc, page.id desc`;
  const total = sql<CountRow>`select count(*) as n from post_search join posts p on p.id = post_search.rowid
    where post_search match ${match} and ${b.visible}`;
  const [rows, count] = await Promise.all([hits.execute(db), total.execute(db)]);
  return { rows: rows.rows, total: readCount(count.rows[0]?.n) };
}

// PostgreSQL: tsvector --------------------------------------------------------------------------

/** A tsquery operand. Words hold letters, digits and marks only; quoting is for good measure. */
const lexeme = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * One word: its stem from the 'russian' configuration (the English stemmer for ASCII words) as a
 * prefix, its stem by our rules as a prefix of the folded words (for Kazakh and every other
 * language), and itself exactly. A short word: itself only.
 */
function termQuery(t: SearchTerm): RawBuilder<unknown> {
  const exact = sql`to_tsquery('pg_catalog.simple', samizdat_search_fold(${lexeme(t.word)}))`;
  if (!t.prefix) return exact;
  return sql`(to_tsquery('pg_catalog.russian', ${`${lexeme(t.word)}:*`})
    || to_tsquery('pg_catalog.simple', samizdat_search_fold(${lexeme(t.stem)}) || ':*') || ${exact})`;
}

/** ts_headline reads all it is given: a very long post is cut from its first part (as it is indexed). */
const HEADLINE_SOURCE_CHARS = 200_000;
const HEADLINE = [
  `StartSel=${SEARCH_MARK_START}, StopSel=${SEARCH_MARK_END}`,
  'MaxWords=30, MinWords=12, ShortWord=1, MaxFragments=2, FragmentDelimiter=" … "',
].join(', ');

async function postgresSearch(db: Kysely<Database>, terms: SearchTerm[], b: Bounds) {
  const query = sql.join(terms.map(termQuery), sql` && `);
  const matches = sql`from post_search s join posts p on p.id = s.post_id, q
    where s.document @@ q.query and ${b.visible}`;
  const headline = (text: RawBuilder<unknown>) =>
    sql`samizdat_search_decode(ts_headline('pg_catalog.simple', ${text}, q.query, ${HEADLINE}))`;
  // ts_headline re-reads the text it cuts: only for the page, never for every match.
  const hits = sql<HitRow>`with q as (select ${query} as query), page as (
      select p.id, p.published_at, ts_rank_cd(s.document, q.query) as rank ${matches}
      order by rank desc, p.published_at desc, p.id desc limit ${b.limit} offset ${b.offset}
    )
    select p.id, ${headline(sql`samizdat_search_text(left(p.html, ${sql.lit(HEADLINE_SOURCE_CHARS)}))`)} as body_snippet,
      ${headline(sql`samizdat_search_encode(translate(p.excerpt, chr(57344) || chr(57345), ''))`)} as excerpt_snippet,
      ${COMMENT_COUNT} as comment_count
    from page join posts p on p.id = page.id, q
    order by page.rank desc, page.published_at desc, page.id desc`;
  const total = sql<CountRow>`with q as (select ${query} as query) select count(*) as n ${matches}`;
  const [rows, count] = await Promise.all([hits.execute(db), total.execute(db)]);
  return { rows: rows.rows, total: readCount(count.rows[0]?.n) };
}

// Both ------------------------------------------------------------------------------------------

/** The passage that shows why the post matched: the body's, else the excerpt's, else the body's start. */
function pickSnippet(row: HitRow): string {
  const body = (row.body_snippet ?? '').trim();
  const excerpt = (row.excerpt_snippet ?? '').trim();
  if (body.includes(SEARCH_MARK_START)) return body;
  if (excerpt.includes(SEARCH_MARK_START)) return excerpt;
  return body || excerpt;
}

function bounds(query: SearchQuery, now: Date, d: SqlDialect): Bounds {
  const whole = (n: number, max: number) =>
    Number.isFinite(n) ? Math.min(Math.max(0, Math.trunc(n)), max) : 0;
  return {
    limit: whole(query.limit, MAX_LIMIT),
    offset: whole(query.offset, Number.MAX_SAFE_INTEGER),
    visible: visibleSql(publicAt(now), d, 'p'),
  };
}

export function searchRepository(db: Kysely<Database>, d: SqlDialect): SearchRepository {
  return {
    async posts(query, now) {
      const terms = searchTerms(query.text);
      const b = bounds(query, now, d);
      if (terms.length === 0 || b.limit === 0) return { items: [], total: 0 };
      const { rows, total } =
        d.name === 'sqlite' ? await sqliteSearch(db, ftsQuery(terms), b) : await postgresSearch(db, terms, b);
      // The page's posts in one query, with the columns any listing reads.
      const found = await shownPostsByIds(
        db,
        rows.map((row) => row.id),
      );
      const items: SearchHit[] = [];
      rows.forEach((row) => {
        const post = found.get(row.id);
        if (post) {
          items.push({
            post: { ...post, commentCount: readCount(row.comment_count) },
            snippet: pickSnippet(row),
          });
        }
      });
      return { items, total };
    },
  };
}
