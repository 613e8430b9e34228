import type { ShownComment } from '../comments/comment.ts';
import type { CoreDeps } from '../deps.ts';
import { parseId } from '../input.ts';
import type { Page, Post, PostQuery, PostRef, PostSummary, ShownPost } from '../posts/post.ts';
import type { Media } from '../site/media.ts';
import type { Term } from '../site/terms.ts';
import type { User } from '../users/user.ts';
import { withoutProtectedText } from './visibility.ts';

/** A post with everything a reader sees around it. */
export interface PostBundle<P extends ShownPost = ShownPost> {
  post: P;
  author: User | undefined;
  image: Media | undefined;
  terms: Term[];
}

type ReadDeps = Pick<CoreDeps, 'storage' | 'clock'>;

/** Authors, photos and terms of a page of posts: three queries however many posts it shows. */
async function bundle<P extends ShownPost>(deps: ReadDeps, posts: P[]): Promise<PostBundle<P>[]> {
  const { storage } = deps;
  const [users, media, terms] = await Promise.all([
    storage.users.findByIds(posts.map((p) => p.authorId)),
    storage.media.findByIds(posts.flatMap((p) => (p.image ? [p.image.mediaId] : []))),
    storage.posts.termsOf(posts.map((p) => p.id)),
  ]);
  const authors = new Map<number, User>(users.map((u) => [u.id, u]));
  const images = new Map<number, Media>(media.map((m) => [m.id, m]));
  return posts.map((post) => ({
    post,
    author: authors.get(post.authorId),
    image: post.image ? images.get(post.image.mediaId) : undefined,
    terms: terms.get(post.id) ?? [],
  }));
}

/** A page of posts as listings and feeds show them: a protected post's text is never among them. */
export async function listPosts(deps: ReadDeps, query: PostQuery): Promise<Page<PostBundle<PostSummary>>> {
  const page = await deps.storage.posts.list(query, deps.clock.now());
  return { items: await bundle(deps, page.items.map(withoutProtectedText)), total: page.total };
}

export interface Discussion {
  bundle: PostBundle;
  /** Approved comments and the reader's own held ones, oldest first. */
  comments: ShownComment[];
  approvedCount: number;
}

/** A public post and its discussion as one reader sees it; `ownIds` are that reader's comments. */
export async function readPost(deps: ReadDeps, post: ShownPost, ownIds: number[]): Promise<Discussion> {
  const [[postBundle], comments] = await Promise.all([
    bundle(deps, [post]),
    deps.storage.comments.forPost(post.id, ownIds),
  ]);
  return {
    bundle: postBundle!,
    comments,
    approvedCount: comments.filter((c) => c.status === 'approved' && c.kind === 'comment').length,
  };
}

/** A protected post as a reader without its password sees it: its author and terms, no text. */
export async function readLockedPost(deps: ReadDeps, post: ShownPost): Promise<PostBundle> {
  const [locked] = await bundle(deps, [withoutProtectedText(post)]);
  return locked!;
}

export interface Surroundings {
  previous: PostRef | undefined;
  next: PostRef | undefined;
  related: PostRef[];
}

/** Where a reader goes after a post: its neighbours in time and posts on the same subjects. Pages have none. */
export async function readSurroundings(
  deps: ReadDeps,
  post: Pick<Post, 'id' | 'type' | 'publishedAt'>,
  relatedCount = 4,
): Promise<Surroundings> {
  if (post.type !== 'post') return { previous: undefined, next: undefined, related: [] };
  const now = deps.clock.now();
  const [adjacent, related] = await Promise.all([
    deps.storage.discovery.adjacent(post, now),
    deps.storage.discovery.related(post, relatedCount, now),
  ]);
  return { ...adjacent, related };
}

/**
 * The post a `?p=ID` (or `?page_id=ID`) link names: for an imported post that is its WordPress id,
 * the one its old links carry; otherwise ours.
 */
export async function findPostByQueryId(deps: ReadDeps, p: string): Promise<ShownPost | undefined> {
  // A WordPress id may pass our own range (its ids are 64-bit); ours never does.
  if (!/^[1-9][0-9]{0,19}$/.test(p)) return undefined;
  const id = (await deps.storage.imports.findPost(p)) ?? parseId(p);
  return id === undefined ? undefined : deps.storage.posts.findShown({ id });
}
