import { SEARCH_MARK_END, SEARCH_MARK_START } from '../../core/reading/search.ts';
import type { Translator } from '../i18n/index.ts';
import { translator } from '../i18n/index.ts';
import { empty, h, trusted, type Html } from '../html.ts';
import { layout } from '../components/layout.ts';
import { time } from '../components/post.ts';
import { pageNav } from '../components/post-list.ts';
import type { SiteView } from '../views.ts';

export interface SearchResultView {
  url: string;
  title: string;
  publishedAt: Date;
  /** Plain text with matched words between SEARCH_MARK_START and SEARCH_MARK_END. */
  snippet: string;
  /** Behind a password: a notice stands where the snippet would. */
  protected?: boolean;
}

export interface SearchPageView {
  site: SiteView;
  /** As the reader typed it (trimmed); empty when the search box was sent empty. */
  query: string;
  results: SearchResultView[];
  total: number;
  page: number;
  totalPages: number;
}

/** `/?s=…` for page 1, WordPress's `/page/N/?s=…` after it. */
export function searchPath(query: string, page: number): string {
  const search = `?s=${encodeURIComponent(query)}`;
  return page <= 1 ? `/${search}` : `/page/${page}/${search}`;
}

/**
 * The snippet escaped as text, its markers turned into <mark>. Markers come in pairs from the
 * database; a stray one still yields balanced markup.
 */
export function markedSnippet(snippet: string): Html {
  const parts: Html[] = [];
  let open = false;
  for (const part of snippet
    .replace(/\s+/gu, ' ')
    .trim()
    .split(/([\uE000\uE001])/u)) {
    if (part === SEARCH_MARK_START || part === SEARCH_MARK_END) {
      if (open !== (part === SEARCH_MARK_START)) parts.push(trusted(open ? '</mark>' : '<mark>'));
      open = part === SEARCH_MARK_START;
    } else if (part !== '') {
      parts.push(h`${part}`);
    }
  }
  if (open) parts.push(trusted('</mark>'));
  return h`${parts}`;
}

function result(item: SearchResultView, t: Translator): Html {
  return h`<li><article>
<h2><a href="${item.url}">${item.protected ? t.t('post.protectedTitle', { title: item.title }) : item.title}</a></h2>
<p class="meta">${time(item.publishedAt, t.date(item.publishedAt))}</p>
${
  item.protected
    ? h`<p class="snippet">${t.t('post.protectedShort')}</p>`
    : item.snippet
      ? h`<p class="snippet">${markedSnippet(item.snippet)}</p>`
      : empty
}
</article></li>`;
}

function pagination(view: SearchPageView, t: Translator): Html {
  const labels = {
    previous: t.t('search.previousPage'),
    next: t.t('search.nextPage'),
    nav: t.t('search.paginationLabel'),
  };
  return pageNav(view.page, view.totalPages, (n) => searchPath(view.query, n), labels, t);
}

/** The search box again, in the page itself, for a reader who found nothing. */
function searchAgain(query: string, t: Translator): Html {
  return h`<form class="search-form search-again" role="search" method="get" action="/" aria-label="${t.t('search.again')}">
<label for="search-again">${t.t('search.label')}</label>
<input type="search" id="search-again" name="s" value="${query}">
<button type="submit">${t.t('search.submit')}</button>
</form>`;
}

function body(view: SearchPageView, t: Translator): Html {
  if (view.query === '') return h`<p>${t.t('search.prompt')}</p>${searchAgain('', t)}`;
  if (view.total === 0) {
    return h`<p>${t.t('search.nothingFound', { query: view.query })}</p>${searchAgain(view.query, t)}`;
  }
  return h`<ol class="post-list search-results">${view.results.map((item) => result(item, t))}</ol>
${pagination(view, t)}`;
}

/**
 * Results of a search, best match first. Not for search engines: no canonical URL, so the layout
 * marks the page noindex (an index of every query a crawler could make up is spam).
 */
export function renderSearchPage(view: SearchPageView): string {
  const { site } = view;
  const t = translator(site.settings.language, site.settings.timezone);
  const heading = view.query ? t.t('search.title', { query: view.query }) : t.t('search.heading');
  const count =
    view.query && view.total > 0
      ? h`<p class="description">${t.plural('search.count', view.total)}</p>`
      : empty;
  const pageOf = view.page > 1 ? t.t('list.pageOf', { page: view.page, total: view.totalPages }) : '';
  const main = h`<header class="archive-header"><h1>${heading}</h1>${count}</header>
${body(view, t)}`;
  return layout({
    site,
    t,
    title: [heading, pageOf].filter(Boolean).join(' – '),
    description: '',
    searchQuery: view.query,
    main,
  });
}
