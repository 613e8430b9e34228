/**
 * render/: view data in, HTML out. Pure: no I/O, no database, no environment. http/ decides what to
 * show (views.ts) and sends what these functions return.
 */
export { renderPostPage } from './pages/post.ts';
export { renderListPage } from './pages/list.ts';
export { renderNotFound } from './pages/not-found.ts';
export { renderRefusedTooOften, type RefusedTooOftenView } from './pages/refused.ts';
export { renderSearchPage, type SearchPageView, type SearchResultView } from './pages/search.ts';
export { createFormatter } from './markdown.ts';
export { assets, type Asset } from './theme/index.ts';
export {
  translator,
  catalogs,
  type Translator,
  type DateStyle,
  type MessageKey,
  type PluralKey,
} from './i18n/index.ts';
export { errorMessage } from './components/comment-form.ts';
export { mediaUrl, MEDIA_PREFIX } from './components/image.ts';
export type * from './views.ts';
export {
  renderSubscriptionPage,
  type SubscriptionPageView,
  type SubscriptionItem,
} from './pages/subscriptions.ts';
export type { TopicView } from './mail/notifications.ts';
