import type { Translator } from '../i18n/index.ts';
import { empty, firstParagraph, h, truncateWords, type Html } from '../html.ts';
import type { PostLink } from '../views.ts';
import { commentsHeading } from './comments.ts';
import { byline, shownTitle } from './post.ts';

/** About WordPress's 55-word excerpt, in characters so it suits Russian and Kazakh words as well. */
const EXCERPT_CHARS = 320;

export function summaryText(link: PostLink): string {
  const { post } = link;
  return truncateWords(post.excerpt.trim() || firstParagraph(post.html), EXCERPT_CHARS);
}

function commentCount(link: PostLink, t: Translator): Html {
  const { post } = link;
  if (!('commentCount' in post)) return empty;
  return h`<span class="sep" aria-hidden="true">·</span><a href="${link.url}#comments">${commentsHeading(post.commentCount, t)}</a>`;
}

export function postListItem(link: PostLink, t: Translator, level: 'h2' | 'h3' = 'h2'): Html {
  const title = h`<a href="${link.url}">${shownTitle(link.post, t)}</a>`;
  const summary = link.post.protected ? t.t('post.protectedShort') : summaryText(link);
  return h`<li><article>
${level === 'h2' ? h`<h2>${title}</h2>` : h`<h3>${title}</h3>`}
<p class="meta">${byline(link, t)}${commentCount(link, t)}</p>
${summary ? h`<p>${summary}</p>` : empty}
</article></li>`;
}

export function postList(posts: PostLink[], t: Translator, level: 'h2' | 'h3' = 'h2'): Html {
  if (posts.length === 0) return h`<p>${t.t('list.empty')}</p>`;
  return h`<ul class="post-list">${posts.map((link) => postListItem(link, t, level))}</ul>`;
}

export function pagePath(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}page/${page}/`;
}

/** Links to the page before and after this one in a numbered run of pages, and where the reader is. */
export function pageNav(
  page: number,
  totalPages: number,
  path: (page: number) => string,
  labels: { previous: string; next: string; nav: string },
  t: Translator,
): Html {
  if (totalPages <= 1) return empty;
  const previous =
    page > 1
      ? h`<a class="prev" rel="prev" href="${path(page - 1)}"><span aria-hidden="true">←</span> ${labels.previous}</a>`
      : empty;
  const next =
    page < totalPages
      ? h`<a class="next" rel="next" href="${path(page + 1)}">${labels.next} <span aria-hidden="true">→</span></a>`
      : empty;
  return h`<nav class="pagination" aria-label="${labels.nav}">${previous}${next}<p class="page">${t.t('list.pageOf', { page, total: totalPages })}</p></nav>`;
}

/** Newest first, as WordPress: "Older posts" goes to the next page number. */
export function pagination(basePath: string, page: number, totalPages: number, t: Translator): Html {
  const labels = {
    previous: t.t('list.newerPosts'),
    next: t.t('list.olderPosts'),
    nav: t.t('list.paginationLabel'),
  };
  return pageNav(page, totalPages, (n) => pagePath(basePath, n), labels, t);
}
