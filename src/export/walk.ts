import type { Comment } from '../core/comments/comment.ts';
import type { Alias, Storage } from '../core/ports/storage.ts';
import type { Post } from '../core/posts/post.ts';
import type { Media } from '../core/site/media.ts';

/** How many rows an export reads at once: pages small enough to hold, large enough to be few. */
export const POST_PAGE = 200;
const ROW_PAGE = 500;

/** A keyset-paged listing, read one page at a time and handed out page by page. */
async function* pages<T, C>(
  first: C,
  limit: number,
  fetch: (after: C, limit: number) => Promise<T[]>,
  next: (last: T) => C,
): AsyncGenerator<T[]> {
  let cursor = first;
  for (;;) {
    const page = await fetch(cursor, limit);
    if (page.length > 0) yield page;
    const last = page[page.length - 1];
    if (last === undefined || page.length < limit) return;
    cursor = next(last);
  }
}

async function* items<T>(source: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const page of source) yield* page;
}

/**
 * Posts and pages of every status, in id order, a page at a time, up to `lastId`: what existed when
 * the export began. A post written meanwhile could take an id the export gave an attachment.
 */
export async function* postPages(storage: Storage, lastId: number): AsyncGenerator<Post[]> {
  for await (const page of pages(
    0,
    POST_PAGE,
    (after, n) => storage.posts.allAfter(after, n),
    (p) => p.id,
  )) {
    const kept = page.filter((p) => p.id <= lastId);
    if (kept.length > 0) yield kept;
    if (kept.length < page.length) return;
  }
}

export function allComments(storage: Storage, lastPostId: number): AsyncGenerator<Comment> {
  return items(
    pages(
      { postId: 0, id: 0 },
      ROW_PAGE,
      (after, n) => storage.comments.allAfter(after, lastPostId, n),
      (c) => ({ postId: c.postId, id: c.id }),
    ),
  );
}

export function allAliases(storage: Storage): AsyncGenerator<Alias> {
  return items(
    pages(
      { postId: 0, path: '' },
      ROW_PAGE,
      (after, n) => storage.aliases.allAfter(after, n),
      (a) => a,
    ),
  );
}

export function allMedia(storage: Storage): AsyncGenerator<Media> {
  return items(
    pages(
      0,
      ROW_PAGE,
      (after, n) => storage.media.allAfter(after, n),
      (m) => m.id,
    ),
  );
}

/**
 * Rows ordered by post id, handed out post by post while the posts go by in id order: a merge join
 * that holds one row ahead, so a post's comments are written inside its item without the export
 * ever holding more than a page of them.
 */
export class BesidePosts<T extends { postId: number }> {
  readonly #rows: AsyncIterator<T>;
  #head: T | undefined;
  #done = false;

  constructor(rows: AsyncIterable<T>) {
    this.#rows = rows[Symbol.asyncIterator]();
  }

  /** The rows of this post. Rows of posts before it that nobody asked for are passed over. */
  async *of(postId: number): AsyncGenerator<T> {
    for (;;) {
      const head = await this.#peek();
      if (head === undefined || head.postId > postId) return;
      this.#head = undefined;
      if (head.postId === postId) yield head;
    }
  }

  async #peek(): Promise<T | undefined> {
    if (this.#head === undefined && !this.#done) {
      const next = await this.#rows.next();
      if (next.done) this.#done = true;
      else this.#head = next.value;
    }
    return this.#head;
  }

  /** Stops the underlying listing early (an aborted export). */
  async close(): Promise<void> {
    await this.#rows.return?.();
  }
}
