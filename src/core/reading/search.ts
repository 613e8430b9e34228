import { withoutProtectedText } from './visibility.ts';
import type { CoreDeps } from '../deps.ts';
import type { SearchHit } from '../ports/storage.ts';

/**
 * Site search: which words of a query count, how a word meets its other forms, and the use case that
 * turns a reader's query and page number into one page of results.
 */

/**
 * Around each matched word in a snippet: private-use characters that the index strips from posts, so
 * render/ can escape a snippet as text and still find where each match begins and ends.
 */
export const SEARCH_MARK_START = '\uE000';
export const SEARCH_MARK_END = '\uE001';

/** More words narrow a search (every word must match) without finding anything new. */
export const MAX_SEARCH_WORDS = 8;
/** No word is longer; anything past it only makes the prefix stricter. */
export const MAX_WORD_CHARS = 40;
/** What is echoed back (heading, search box, page links); the words come from within it. */
export const MAX_QUERY_CHARS = 256;
/** The most pages a search goes through: a bound on the offset a hostile URL can ask for. */
export const MAX_SEARCH_PAGE = 500;

export interface SearchTerm {
  /** NFKC, lower-cased: what a database's stemmer is given. */
  word: string;
  /** The word without a common inflection ending (see `stemOf`); indexed words that begin with it match. */
  stem: string;
  /**
   * False for words shorter than MIN_PREFIX, which match whole words only: as prefixes they would
   * match a good part of the index, and cost as much.
   */
  prefix: boolean;
}

const MIN_PREFIX = 3;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/*
 * Endings cut from a query word so that its prefix also meets the word's other forms: "выборах"
 * becomes "выбор" and matches "выборы"; "сайлаудың" becomes "сайлау"; "elections" becomes "election".
 * Words of MIN_WORD letters or more lose their longest ending that leaves MIN_STEM letters.
 *
 * - A word with a letter only Kazakh has (ә ғ қ ң ө ұ ү һ і) is Kazakh: a root, then optionally a
 *   plural, a possessive and a case ending, in that order. Endings come off from the last, each one of
 *   a slot before the previous ("сайлауларымызда" → "сайлау").
 * - Any other Cyrillic word takes the Russian noun, adjective and verb endings, once, or the Kazakh
 *   endings that Kazakh words without Kazakh letters take and that Russian words rarely end in
 *   (locative, ablative, plural: "сайлауда" → "сайлау", "мемлекетте" → "мемлекет").
 * - A Latin word takes an English plural or tense ending. Other scripts are matched as typed.
 *
 * A short stem finds more than the word meant ("правда" → "прав"); the exact form still ranks
 * first, because the repositories match it as well.
 */
const MIN_WORD = 4;
const MIN_STEM = 3;

/** The order of Kazakh endings after a root; a smaller slot comes earlier. 0: not Kazakh, final. */
const CASE = 3;
const POSSESSIVE = 2;
const PLURAL = 1;

const KAZAKH_PLURAL = ['лар', 'лер', 'дар', 'дер', 'тар', 'тер'];
const KAZAKH_POSSESSIVE = ['ым', 'ім', 'ың', 'ің', 'ымыз', 'іміз', 'ыңыз', 'іңіз', 'сы', 'сі', 'ы', 'і'];
const KAZAKH_CASE = [
  ...['ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'ға', 'ге', 'қа', 'ке', 'ына', 'іне', 'сына', 'сіне'],
  ...['ны', 'ні', 'ды', 'ді', 'ты', 'ті', 'ын', 'ін', 'сын', 'сін', 'мен', 'бен', 'пен'],
  ...['да', 'де', 'та', 'те', 'нда', 'нде', 'ында', 'інде', 'сында', 'сінде'],
  ...['дағы', 'дегі', 'тағы', 'тегі', 'ндағы', 'ндегі'],
  ...['дан', 'ден', 'тан', 'тен', 'нан', 'нен', 'ынан', 'інен', 'сынан', 'сінен'],
];
/** Kazakh endings a Cyrillic word without Kazakh letters may carry, and Russian words seldom do. */
const SHARED = new Set([
  ...KAZAKH_PLURAL,
  ...['да', 'де', 'та', 'те', 'нда', 'нде', 'ында', 'сында', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен'],
]);
const RUSSIAN = [
  ...['ыми', 'ими', 'ого', 'его', 'ому', 'ему', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ый', 'ий', 'ой'],
  ...['ую', 'юю', 'ою', 'ею', 'ым', 'им', 'ом', 'ем', 'ых', 'их'],
  ...['иями', 'ями', 'ами', 'иях', 'ях', 'ах', 'ией', 'ей', 'ов', 'ев', 'ям', 'ам', 'ию', 'ью', 'ия'],
  ...['ья', 'ии', 'ье', 'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь', 'й'],
  ...['ешь', 'ете', 'ишь', 'ите', 'ить', 'ать', 'ять', 'еть', 'ыть', 'уть', 'ться', 'тся', 'ся', 'сь'],
  ...['ет', 'ит', 'ут', 'ют', 'ат', 'ят', 'ла', 'ли', 'ло'],
];
const ENGLISH = ['ies', 'ing', 'ed', 'es', 's'];

interface Ending {
  text: string;
  length: number;
  slot: number;
}

function endings(list: [string[], number][]): Ending[] {
  return list
    .flatMap(([texts, slot]) => texts.map((text) => ({ text, length: [...text].length, slot })))
    .sort((a, b) => b.length - a.length);
}

const KAZAKH = endings([
  [KAZAKH_CASE, CASE],
  [KAZAKH_POSSESSIVE, POSSESSIVE],
  [KAZAKH_PLURAL, PLURAL],
]);
const CYRILLIC = endings([[RUSSIAN, 0]]).concat(KAZAKH.filter((e) => SHARED.has(e.text)));
const LATIN = endings([[ENGLISH, 0]]);
const KAZAKH_LETTER = /[әғқңөұүһі]/u;

function endingsFor(word: string): Ending[] {
  if (KAZAKH_LETTER.test(word)) return KAZAKH;
  if (/\p{Script=Cyrillic}/u.test(word)) return CYRILLIC;
  if (/\p{Script=Latin}/u.test(word)) return LATIN;
  return [];
}

/** The prefix a query word is matched by: the word without its inflection endings. */
export function stemOf(word: string): string {
  let stem = word;
  let length = [...word].length;
  if (length < MIN_WORD) return word;
  let candidates = endingsFor(word);
  for (;;) {
    const cut = candidates
      .filter((e) => length - e.length >= MIN_STEM && stem.endsWith(e.text))
      .sort((a, b) => b.length - a.length || b.slot - a.slot)[0];
    if (cut === undefined) return stem;
    stem = stem.slice(0, stem.length - cut.text.length);
    length -= cut.length;
    // Only Kazakh stacks endings, and only in their order: what comes off next sat before this one.
    if (cut.slot === 0) return stem;
    candidates = KAZAKH.filter((e) => e.slot > 0 && e.slot < cut.slot);
  }
}

/**
 * The words of a query, and nothing else of it: operators, quotes and punctuation of any search
 * syntax fall away here, so no query can reach a database as syntax. At most MAX_SEARCH_WORDS
 * distinct words of at most MAX_WORD_CHARS letters. Single letters ("a", "и", the "s" of "people's")
 * are dropped when the query has longer words: they would narrow it to nothing useful.
 */
export function searchTerms(text: string): SearchTerm[] {
  const words: string[] = [];
  // Bounded before normalising, so an enormous query costs no more than a long one.
  const bounded = text
    .slice(0, MAX_QUERY_CHARS * 4)
    .normalize('NFKC')
    .toLowerCase();
  for (const match of bounded.matchAll(WORD)) {
    const word = [...match[0]].slice(0, MAX_WORD_CHARS).join('');
    if (!words.includes(word)) words.push(word);
  }
  const long = words.filter((word) => [...word].length > 1);
  return (long.length > 0 ? long : words).slice(0, MAX_SEARCH_WORDS).map((word) => {
    const prefix = [...word].length >= MIN_PREFIX;
    return { word, stem: prefix ? stemOf(word) : word, prefix };
  });
}

/** The query as it is shown back to the reader: trimmed, spaces collapsed, of bounded length. */
export function displayQuery(text: string): string {
  const collapsed = text
    .replace(/[\p{Cc}\p{Cs}\uE000\uE001]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  const chars = [...collapsed];
  return chars.length <= MAX_QUERY_CHARS ? collapsed : chars.slice(0, MAX_QUERY_CHARS).join('').trimEnd();
}

export interface SearchRequest {
  text: string;
  /** 1-based; any number is accepted and brought within the results. */
  page: number;
  perPage: number;
}

export interface SearchResults {
  /** What was searched for, as shown back (displayQuery). Empty: nothing was asked. */
  query: string;
  hits: SearchHit[];
  total: number;
  /** The page shown: the one asked for, brought within 1…totalPages. */
  page: number;
  totalPages: number;
}

function clampPage(page: number, last: number): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.trunc(page)), last);
}

/** One page of what readers may find for a query, best match first. */
export async function searchPosts(
  deps: Pick<CoreDeps, 'storage' | 'clock'>,
  request: SearchRequest,
): Promise<SearchResults> {
  const query = displayQuery(request.text);
  const perPage = Math.max(1, Math.trunc(request.perPage));
  const none = { query, hits: [], total: 0, page: 1, totalPages: 1 };
  if (searchTerms(query).length === 0) return none;

  const now = deps.clock.now();
  const fetch = (page: number) =>
    deps.storage.search.posts({ text: query, limit: perPage, offset: (page - 1) * perPage }, now);
  let page = clampPage(request.page, MAX_SEARCH_PAGE);
  let result = await fetch(page);
  const totalPages = Math.max(1, Math.min(MAX_SEARCH_PAGE, Math.ceil(result.total / perPage)));
  // A page past the end (an old link, a hand-made URL) shows the last page rather than nothing.
  if (page > totalPages) {
    page = totalPages;
    result = await fetch(page);
  }
  // A protected post may be found by its words (as in WordPress), but shows none of them.
  const hits = result.items.map((hit) =>
    hit.post.protected ? { post: withoutProtectedText(hit.post), snippet: '' } : hit,
  );
  return { query, hits, total: result.total, page, totalPages };
}
