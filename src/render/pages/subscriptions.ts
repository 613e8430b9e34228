import { layout } from '../components/layout.ts';
import { translator, type MessageKey } from '../i18n/index.ts';
import { empty, h, type Html } from '../html.ts';
import { topicLine, type TopicView } from '../mail/notifications.ts';
import type { SiteView } from '../views.ts';

/** One subscription as a page lists it; `unsubscribe` is the action of its own button (manage page). */
export interface SubscriptionItem {
  topic: TopicView;
  pending: boolean;
  unsubscribe?: string;
}

/** The reader's pages about email: every one personal (never cached), none indexed. */
export type SubscriptionPageView = { site: SiteView } & (
  | { kind: 'check-inbox'; email: string }
  | { kind: 'problem'; message: MessageKey; title?: MessageKey }
  | { kind: 'confirm'; email: string; items: SubscriptionItem[]; action: string }
  | { kind: 'confirmed' | 'already-confirmed'; email: string; items: SubscriptionItem[]; manage: string }
  | { kind: 'unsubscribe'; email: string; items: SubscriptionItem[] | 'all'; action: string }
  | { kind: 'unsubscribed'; email: string; manage: string }
  | { kind: 'manage'; email: string; items: SubscriptionItem[]; unsubscribeAll: string }
);

export function renderSubscriptionPage(view: SubscriptionPageView): string {
  const { site } = view;
  const t = translator(site.settings.language, site.settings.timezone);
  const siteName = site.settings.title;
  const list = (items: SubscriptionItem[]): Html =>
    h`<ul class="subscription-list">${items.map(
      (item) =>
        h`<li>${item.topic.kind === 'replies' ? h`<a href="${item.topic.url}">${topicLine(t, site, item.topic)}</a>` : topicLine(t, site, item.topic)}${
          item.pending ? h` <em>(${t.t('subscriptions.pending')})</em>` : empty
        }${
          item.unsubscribe
            ? h` <form method="post" action="${item.unsubscribe}" class="inline-form"><button type="submit">${t.t('subscriptions.unsubscribe.button')}</button></form>`
            : empty
        }</li>`,
    )}</ul>`;
  const button = (action: string, label: MessageKey) =>
    h`<form method="post" action="${action}"><button type="submit">${t.t(label)}</button></form>`;
  const manageLink = (href: string) => h`<p><a href="${href}">${t.t('subscriptions.manageLink')}</a></p>`;

  let title: string;
  let body: Html;
  switch (view.kind) {
    case 'check-inbox':
      title = t.t('subscriptions.checkInbox.title');
      body = h`<p role="status">${t.t('subscriptions.checkInbox.text', { email: view.email })}</p>`;
      break;
    case 'problem':
      title = t.t(view.title ?? 'subscriptions.linkTitle');
      body = h`<p role="alert">${t.t(view.message)}</p><p><a href="/">${t.t('notFound.home')}</a></p>`;
      break;
    case 'confirm':
      title = t.t('subscriptions.confirm.title');
      body = h`<p>${t.t('subscriptions.confirm.text', { email: view.email })}</p>${list(view.items)}${button(view.action, 'subscriptions.confirm.button')}`;
      break;
    case 'confirmed':
    case 'already-confirmed': {
      const done = view.kind === 'confirmed';
      title = t.t(done ? 'subscriptions.confirmed.title' : 'subscriptions.alreadyConfirmed.title');
      body = h`<p role="status">${t.t(done ? 'subscriptions.confirmed.text' : 'subscriptions.alreadyConfirmed.text', { email: view.email })}</p>${list(view.items)}${manageLink(view.manage)}`;
      break;
    }
    case 'unsubscribe':
      title = t.t('subscriptions.unsubscribe.title');
      body =
        view.items === 'all'
          ? h`<p>${t.t('subscriptions.unsubscribe.all', { email: view.email, site: siteName })}</p>${button(view.action, 'subscriptions.unsubscribe.button')}`
          : h`<p>${t.t('subscriptions.unsubscribe.one', { email: view.email })}</p>${list(view.items)}${button(view.action, 'subscriptions.unsubscribe.button')}`;
      break;
    case 'unsubscribed':
      title = t.t('subscriptions.unsubscribed.title');
      body = h`<p role="status">${t.t('subscriptions.unsubscribed.text', { email: view.email })}</p>${manageLink(view.manage)}`;
      break;
    case 'manage':
      title = t.t('subscriptions.manage.title');
      body =
        view.items.length === 0
          ? h`<p>${t.t('subscriptions.manage.none')}</p>`
          : h`<p>${t.t('subscriptions.manage.text', { email: view.email, site: siteName })}</p>${list(view.items)}${button(view.unsubscribeAll, 'subscriptions.manage.unsubscribeAll')}`;
      break;
  }
  const main = h`<div class="subscriptions">
<h1>${title}</h1>
${body}
</div>`;
  return layout({ site, t, title, description: '', main });
}
