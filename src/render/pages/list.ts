import type { MessageKey, Translator } from '../i18n/index.ts';
import { translator } from '../i18n/index.ts';
import { empty, h } from '../html.ts';
import { layout } from '../components/layout.ts';
import { blogMeta } from '../components/social.ts';
import { pagePath, pagination, postList } from '../components/post-list.ts';
import type { ListPageView } from '../views.ts';

const HEADINGS: Record<Exclude<ListPageView['kind'], 'home'>, MessageKey> = {
  tag: 'archive.tag',
  category: 'archive.category',
  author: 'archive.author',
  date: 'archive.date',
};

function archiveHeading(view: ListPageView, t: Translator): string {
  if (view.kind === 'home') return '';
  const name = view.heading;
  return t.t(HEADINGS[view.kind], view.kind === 'date' ? { date: name } : { name });
}

/** The home page and every archive (tag, category, author, date), a page of posts at a time. */
export function renderListPage(view: ListPageView): string {
  const { site, page, totalPages, basePath } = view;
  const t = translator(site.settings.language, site.settings.timezone);
  const isHome = view.kind === 'home';
  const heading = archiveHeading(view, t);
  const pageOf = page > 1 ? t.t('list.pageOf', { page, total: totalPages }) : '';
  const header = isHome
    ? empty
    : h`<header class="archive-header"><h1>${heading}</h1>${view.description ? h`<p class="description">${view.description}</p>` : empty}</header>`;
  const main = h`${header}
${postList(view.posts, t)}
${pagination(basePath, page, totalPages, t)}`;
  return layout({
    site,
    t,
    title: [heading, pageOf].filter(Boolean).join(' – '),
    description: isHome ? site.settings.tagline : view.description,
    canonical: pagePath(basePath, page),
    siteTitleIsHeading: isHome,
    isHome: isHome && page === 1,
    links: isHome && page === 1 ? blogMeta(site, site.settings.tagline) : undefined,
    // Tag, category and author archives have feeds of their own (`/tag/x/feed/`); dates do not.
    feeds:
      isHome || view.kind === 'date'
        ? []
        : [
            {
              title: t.t('feed.site', { site: `${site.settings.title} – ${heading}` }),
              href: `${basePath}feed/`,
            },
          ],
    main,
  });
}
