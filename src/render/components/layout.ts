import type { Translator } from '../i18n/index.ts';
import { assets } from '../theme/index.ts';
import { empty, h, type Html } from '../html.ts';
import type { SiteView } from '../views.ts';

export interface Page {
  site: SiteView;
  t: Translator;
  /** The document title, without the site name (added here); empty for the home page. */
  title: string;
  description: string;
  /** Site path of the canonical URL; omitted for pages that should not be indexed. */
  canonical?: string;
  /** The home page names the site in its one h1; every other page has its own h1 in `main`. */
  siteTitleIsHeading?: boolean;
  /** Marks the Home link as the current page. */
  isHome?: boolean;
  /** Loads the comment-reply script (post pages whose form is open). */
  replyScript?: boolean;
  /** Extra `<link>` elements, e.g. a post's comment feed. */
  links?: Html;
  /** What the header's search box shows: the query, on a page of search results. */
  searchQuery?: string;
  /** Feeds of this page besides the site's (an archive's own feed), advertised for discovery. */
  feeds?: { title: string; href: string }[];
  main: Html;
}

function documentTitle({ site, title }: Page): string {
  const { title: siteTitle, tagline } = site.settings;
  if (title) return `${title} – ${siteTitle}`;
  return tagline ? `${siteTitle} – ${tagline}` : siteTitle;
}

/** The site's feed in each format, then the page's own: readers and browsers find them here. */
function feedLinks({ site, t, feeds = [] }: Page): Html {
  const title = t.t('feed.site', { site: site.settings.title });
  const own = feeds.map(
    (f) => h`\n<link rel="alternate" type="application/rss+xml" title="${f.title}" href="${f.href}">`,
  );
  return h`<link rel="alternate" type="application/rss+xml" title="${title}" href="/feed/">
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="/feed/atom/">
<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="/feed.json">${own}`;
}

function head(page: Page): Html {
  const { site } = page;
  const canonical =
    page.canonical === undefined ? empty : h`<link rel="canonical" href="${site.baseUrl}${page.canonical}">`;
  const robots = page.canonical === undefined ? h`<meta name="robots" content="noindex">` : empty;
  const script = page.replyScript
    ? h`<script src="${assets['comment-reply.js'].path}" defer></script>`
    : empty;
  return h`<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${documentTitle(page)}</title>
${page.description ? h`<meta name="description" content="${page.description}">` : empty}
<meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="${assets['theme.css'].path}">
${canonical}${robots}${feedLinks(page)}
${page.links ?? empty}${script}
</head>`;
}

function header(page: Page): Html {
  const { site, t } = page;
  const { title, tagline } = site.settings;
  const name = h`<a href="/" rel="home">${title}</a>`;
  return h`<header class="site-header"><div class="wrap">
${page.siteTitleIsHeading ? h`<h1 class="site-title">${name}</h1>` : h`<p class="site-title">${name}</p>`}
${tagline ? h`<p class="site-tagline">${tagline}</p>` : empty}
<nav class="site-nav" aria-label="${t.t('nav.label')}"><ul><li><a href="/"${page.isHome ? h` aria-current="page"` : empty}>${t.t('nav.home')}</a></li></ul></nav>
<form class="site-search" role="search" method="get" action="/" aria-label="${t.t('search.label')}"><label class="visually-hidden" for="site-search">${t.t('search.label')}</label><input type="search" id="site-search" name="s" value="${page.searchQuery ?? ''}"><button type="submit">${t.t('search.submit')}</button></form>
</div></header>`;
}

/**
 * "Subscribe by email" for readers who never comment: new posts, after a confirm link. The same on
 * every page and for every reader, so a cached page may carry it.
 */
function subscribeForm(t: Page['t']): Html {
  return h`<form class="subscribe-form" method="post" action="/subscriptions" aria-labelledby="subscribe-heading">
<h2 id="subscribe-heading">${t.t('subscribe.heading')}</h2>
<label for="subscribe-email">${t.t('subscribe.label')}</label> <input type="email" id="subscribe-email" name="email" required maxlength="100" autocomplete="email" aria-describedby="subscribe-note"> <button type="submit">${t.t('subscribe.button')}</button>
<p class="note" id="subscribe-note">${t.t('subscribe.note')}</p>
</form>`;
}

function footer({ t, site }: Page): Html {
  return h`<footer class="site-footer"><div class="wrap">${subscribeForm(t)}<p>${site.settings.title} <span class="sep" aria-hidden="true">·</span> <a href="/feed/">${t.t('footer.feed')}</a> <span class="sep" aria-hidden="true">·</span> ${t.t('footer.poweredBy')}</p></div></footer>`;
}

/** The whole document around a page's main content: one frame for every reader page. */
export function layout(page: Page): string {
  const { site, t } = page;
  return `<!doctype html>\n${h`<html lang="${site.settings.language}" dir="ltr">
${head(page)}
<body>
<a class="skip-link" href="#content">${t.t('a11y.skipToContent')}</a>
${header(page)}
<main id="content" tabindex="-1"><div class="wrap">
${page.main}
</div></main>
${footer(page)}
</body>
</html>
`}`;
}
