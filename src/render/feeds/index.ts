import { renderAtom } from './atom.ts';
import { renderJsonFeed } from './json.ts';
import type { Feed, FeedFormat } from './model.ts';
import { renderRss } from './rss.ts';

/**
 * Feeds: view data in (build.ts), RSS 2.0, Atom 1.0 or JSON Feed 1.1 out. Pure, like the rest of
 * render/: http/ loads the posts and comments and sends what comes back.
 */
export {
  postsFeed,
  commentsFeed,
  itemId,
  type FeedPlace,
  type FeedScope,
  type CommentEntry,
} from './build.ts';
export { absolutizeHtml, absoluteUrl } from './absolute.ts';
export { MEDIA_TYPES, type Feed, type FeedFormat, type FeedItem } from './model.ts';

const WRITERS: Record<FeedFormat, (feed: Feed) => string> = {
  rss: renderRss,
  atom: renderAtom,
  json: renderJsonFeed,
};

export function renderFeed(feed: Feed, format: FeedFormat): string {
  return WRITERS[format](feed);
}
