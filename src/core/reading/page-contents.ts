import { pageTags, type Resource } from '../events/resources.ts';
import type { Post, PostRef } from '../posts/post.ts';
import type { Term } from '../site/terms.ts';
import type { FeedSubject, ListingSubject } from './subjects.ts';

/**
 * The dependency tags of each kind of reader page, recorded when it is rendered: what the event
 * cannot tell (which listing page holds a post, which posts a page links) is read off the page.
 */

/** A post as a page shows it (a `PostBundle`), as far as its tags go. */
interface Shown {
  post: Pick<Post, 'id' | 'authorId'>;
  terms: readonly Pick<Term, 'id' | 'taxonomy'>[];
}

const termIds = (bundles: readonly Shown[]) => bundles.flatMap((b) => b.terms.map((t) => t.id));
const authorIds = (bundles: readonly Shown[]) => bundles.map((b) => b.post.authorId);

/** A post's page: the post, its byline and terms, and the posts it links by title. */
export function postPageTags(shown: Shown, links: readonly (PostRef | undefined)[]): string[] {
  return pageTags({
    self: { kind: 'post', id: shown.post.id },
    links: links.filter((l): l is PostRef => l !== undefined).map((l) => l.id),
    relatedFrom: shown.terms.filter((t) => t.taxonomy === 'tag').map((t) => t.id),
    terms: termIds([shown]),
    users: [shown.post.authorId],
  });
}

function listingResource(subject: ListingSubject): Resource {
  switch (subject.kind) {
    case 'home':
      return { kind: 'home' };
    case 'tag':
    case 'category':
      return { kind: 'listing', what: subject.kind, id: subject.term.id };
    case 'author':
      return { kind: 'listing', what: 'author', id: subject.user.id };
    case 'date': {
      const { from, precision } = subject.range;
      return {
        kind: 'archive',
        year: from.getUTCFullYear(),
        ...(precision === 'year' ? {} : { month: from.getUTCMonth() + 1 }),
        ...(precision === 'day' ? { day: from.getUTCDate() } : {}),
      };
    }
  }
}

/** A page of a listing: the listing, each post shown as an entry, and their terms and authors. */
export function listingTags(subject: ListingSubject, entries: readonly Shown[]): string[] {
  return pageTags({
    self: listingResource(subject),
    summaries: entries.map((b) => b.post.id),
    terms: [
      ...termIds(entries),
      ...(subject.kind === 'tag' || subject.kind === 'category' ? [subject.term.id] : []),
    ],
    users: [...authorIds(entries), ...(subject.kind === 'author' ? [subject.user.id] : [])],
  });
}

/** A feed: which feed it is (every format alike) and the posts it carries. */
export function feedTags(subject: FeedSubject, entries: readonly Shown[]): string[] {
  const self: Resource =
    subject.kind === 'comments'
      ? { kind: 'feed', what: 'comments' }
      : subject.kind === 'post-comments'
        ? { kind: 'feed', what: 'post', id: subject.post.id }
        : subject.subject.kind === 'home'
          ? { kind: 'feed', what: 'site' }
          : subject.subject.kind === 'author'
            ? { kind: 'feed', what: 'author', id: subject.subject.user.id }
            : { kind: 'feed', what: subject.subject.kind, id: subject.subject.term.id };
  return pageTags({
    self,
    summaries: entries.map((b) => b.post.id),
    terms: termIds(entries),
    users: authorIds(entries),
  });
}
