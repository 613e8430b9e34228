import type { DateRange } from '../input.ts';
import type { PostQuery, ShownPost } from '../posts/post.ts';
import type { Term } from '../site/terms.ts';
import type { User } from '../users/user.ts';

/** What a listing (and the feed under it) is about: the whole site, a term, an author or a span of dates. */
export type ListingSubject =
  | { kind: 'home' }
  | { kind: 'tag' | 'category'; term: Term }
  | { kind: 'author'; user: User }
  | { kind: 'date'; range: DateRange };

/** What a feed carries: a listing's posts, the newest comments site-wide, or one post's comments. */
export type FeedSubject =
  | { kind: 'posts'; subject: Exclude<ListingSubject, { kind: 'date' }> }
  | { kind: 'comments' }
  | { kind: 'post-comments'; post: ShownPost };

export type FeedFormat = 'rss' | 'atom' | 'json';

/** Which posts a subject lists (public ones only: see visibility.ts). */
export function subjectFilter(subject: ListingSubject): Omit<PostQuery, 'limit' | 'offset'> {
  switch (subject.kind) {
    case 'home':
      return {};
    case 'tag':
      return { tag: subject.term.slug };
    case 'category':
      return { category: subject.term.slug };
    case 'author':
      return { authorId: subject.user.id };
    case 'date':
      return { from: subject.range.from, until: subject.range.until };
  }
}

const two = (n: number) => String(n).padStart(2, '0');

/** The path of a subject's first page; page N is `${path}page/N/`. */
export function subjectPath(subject: ListingSubject): string {
  switch (subject.kind) {
    case 'home':
      return '/';
    case 'tag':
    case 'category':
      return `/${subject.kind}/${encodeURIComponent(subject.term.slug)}/`;
    case 'author':
      return `/author/${encodeURIComponent(subject.user.login)}/`;
    case 'date': {
      const { from, precision } = subject.range;
      const year = String(from.getUTCFullYear()).padStart(4, '0');
      if (precision === 'year') return `/${year}/`;
      const month = two(from.getUTCMonth() + 1);
      return precision === 'month' ? `/${year}/${month}/` : `/${year}/${month}/${two(from.getUTCDate())}/`;
    }
  }
}

/** Where each format of the feed of the page at `base` lives; the site's JSON Feed is `/feed.json`. */
export function feedPaths(base: string): Record<FeedFormat, string> {
  return {
    rss: `${base}feed/`,
    atom: `${base}feed/atom/`,
    json: base === '/' ? '/feed.json' : `${base}feed/json/`,
  };
}
