import type { Term } from '../../core/site/terms.ts';
import type { Translator } from '../i18n/index.ts';
import { empty, h, segment, trusted, type Html } from '../html.ts';
import type { PostLink, RefLink } from '../views.ts';
import { featuredFigure } from './image.ts';

export function authorPath(login: string): string {
  return `/author/${segment(login)}/`;
}

export function termPath(term: Term): string {
  return `/${term.taxonomy}/${segment(term.slug)}/`;
}

export function time(d: Date, text: string): Html {
  return h`<time datetime="${d.toISOString()}">${text}</time>`;
}

/** "Posted by Name · March 3, 2024": the byline of a post and of each item in a listing. */
export function byline(link: PostLink, t: Translator): Html {
  const { author, post } = link;
  const by = author
    ? h`<span class="byline">${t.t('post.postedBy')} <a href="${authorPath(author.login)}">${author.displayName}</a></span><span class="sep" aria-hidden="true">·</span>`
    : empty;
  return h`${by}${time(post.publishedAt, t.date(post.publishedAt))}`;
}

/** A post's title as a reader sees it: WordPress marks a password-protected one "Protected: …". */
export function shownTitle(post: { title: string; protected?: boolean }, t: Translator): string {
  return post.protected ? t.t('post.protectedTitle', { title: post.title }) : post.title;
}

export function postHeader(link: PostLink, t: Translator): Html {
  return h`<header class="post-header"><h1>${shownTitle(link.post, t)}</h1><p class="meta">${byline(link, t)}</p></header>`;
}

export function featured(link: PostLink, t: Translator): Html {
  const { image } = link.post;
  return image && link.image ? featuredFigure(link.image, image, t, true) : empty;
}

/**
 * Wide tables and code scroll sideways inside the column instead of widening the page; a scrolling
 * box must be reachable by keyboard, hence tabindex. The body is the formatter's sanitized output, in
 * which `<table` and `<pre` only ever appear as tags (text has them escaped).
 */
export function enhanceBody(sanitized: string): string {
  return sanitized
    .replace(/<table(?=[\s>])/g, '<div class="table-scroll" tabindex="0"><table')
    .replace(/<\/table>/g, '</table></div>')
    .replace(/<pre(?=[\s>])/g, '<pre tabindex="0"');
}

export function postBody(link: PostLink): Html {
  return h`<div class="post-body">${trusted(enhanceBody(link.post.html))}</div>`;
}

function termLinks(terms: Term[]): Html[] {
  return terms.map(
    (term, i) => h`${i > 0 ? ', ' : ''}<a href="${termPath(term)}" rel="tag">${term.name}</a>`,
  );
}

export function postTerms(link: PostLink, t: Translator): Html {
  const categories = link.terms.filter((term) => term.taxonomy === 'category');
  const tags = link.terms.filter((term) => term.taxonomy === 'tag');
  if (categories.length === 0 && tags.length === 0) return empty;
  return h`<footer class="terms">${
    categories.length > 0 ? h`<p>${t.t('post.categories')} ${termLinks(categories)}</p>` : empty
  }${tags.length > 0 ? h`<p>${t.t('post.tags')} ${termLinks(tags)}</p>` : empty}</footer>`;
}

/** Previous and next post, when http/ supplies them. */
export function postNav(previous: RefLink | undefined, next: RefLink | undefined, t: Translator): Html {
  if (!previous && !next) return empty;
  const item = (link: RefLink | undefined, rel: 'prev' | 'next', label: string): Html =>
    link
      ? h`<a class="${rel}" rel="${rel}" href="${link.url}"><span class="hint">${label}</span> ${link.post.title}</a>`
      : empty;
  return h`<nav class="post-nav" aria-label="${t.t('post.navLabel')}">${item(previous, 'prev', t.t('post.previous'))}${item(next, 'next', t.t('post.next'))}</nav>`;
}

/** Further reading chosen by shared tags: a reader who finished one essay on a subject wants the next. */
export function relatedPosts(related: RefLink[] | undefined, t: Translator): Html {
  if (!related?.length) return empty;
  return h`<aside class="related" aria-labelledby="related-title"><h2 id="related-title">${t.t('post.related')}</h2>
<ul>${related.map((link) => h`<li><a href="${link.url}">${link.post.title}</a> <time datetime="${link.post.publishedAt.toISOString()}">${t.date(link.post.publishedAt)}</time></li>`)}</ul></aside>`;
}
