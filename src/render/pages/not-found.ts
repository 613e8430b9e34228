import { translator } from '../i18n/index.ts';
import { empty, h } from '../html.ts';
import { layout } from '../components/layout.ts';
import { postList } from '../components/post-list.ts';
import type { NotFoundView } from '../views.ts';

/** A 404 that helps the reader on: what happened, a search box, the home page and the latest posts. */
export function renderNotFound(view: NotFoundView): string {
  const { site, recent } = view;
  const t = translator(site.settings.language, site.settings.timezone);
  const main = h`<div class="not-found">
<h1>${t.t('notFound.title')}</h1>
<p>${t.t('notFound.text', { path: view.path })}</p>
<p>${t.t('notFound.suggestion')}</p>
<form class="search-form" role="search" method="get" action="/">
<label for="s">${t.t('search.label')}</label>
<input type="search" id="s" name="s">
<button type="submit">${t.t('search.submit')}</button>
</form>
<p><a href="/">${t.t('notFound.home')}</a></p>
${recent.length > 0 ? h`<h2>${t.t('notFound.recent')}</h2>${postList(recent, t, 'h3')}` : empty}
</div>`;
  return layout({ site, t, title: t.t('notFound.title'), description: '', main });
}
