import type { Comment } from '../core/comments/comment.ts';
import type { Alias, Storage } from '../core/ports/storage.ts';
import type { Post } from '../core/posts/post.ts';
import type { Term } from '../core/site/terms.ts';
import { localDateFormatter } from './dates.ts';
import {
  countPost,
  emptyCounts,
  type ExportCounts,
  type ExportDeps,
  type Links,
  loadLinks,
  writeExport,
} from './export.ts';
import type { ExportOutput } from './output.ts';
import { allAliases, allComments, allMedia, BesidePosts, postPages } from './walk.ts';
import {
  sortCategories,
  wxrAttachment,
  wxrAuthor,
  wxrCategory,
  wxrComment,
  wxrFoot,
  wxrGenerator,
  wxrHead,
  wxrItemEnd,
  wxrPostStart,
  wxrTag,
} from './wxr.ts';

/** Everything the item writers share while the posts go by. */
interface Walk {
  storage: Storage;
  out: ExportOutput;
  links: Links;
  localDate: (date: Date) => string;
  loginOf: Map<number, string>;
  /** WordPress has one id space for posts and attachments; attachments are numbered after the posts. */
  attachmentBase: number;
  /** Media already written as an attachment, so a picture featured by two posts is written once. */
  written: Set<number>;
  comments: BesidePosts<Comment>;
  aliases: BesidePosts<Alias>;
  counts: ExportCounts;
}

/**
 * The whole site as one WXR 1.2 file that WordPress's importer reads: authors, categories (parents
 * first), tags, then every post and page of every status with its comments, each featured image as
 * an attachment item just before the first post it features, and the remaining media at the end.
 */
export function exportWxr(deps: ExportDeps, output: ExportOutput): Promise<ExportCounts> {
  return writeExport(output, async (out) => {
    const { storage } = deps;
    const links = await loadLinks(deps);
    const users = await storage.users.list();
    const counts = emptyCounts();
    await out.write(
      wxrHead({
        title: links.settings.title,
        link: deps.baseUrl,
        description: links.settings.tagline,
        language: links.settings.language,
        now: deps.now,
      }),
    );
    for (const user of users) await out.write(wxrAuthor(user));
    counts.authors = users.length;
    await writeTerms(storage, out, counts);
    await out.write(wxrGenerator());

    const lastId = await storage.posts.lastId();
    const walk: Walk = {
      storage,
      out,
      links,
      localDate: localDateFormatter(links.settings.timezone),
      loginOf: new Map(users.map((u) => [u.id, u.login])),
      attachmentBase: lastId,
      written: new Set(),
      comments: new BesidePosts(allComments(storage, lastId)),
      aliases: new BesidePosts(allAliases(storage)),
      counts,
    };
    try {
      for await (const page of postPages(storage, lastId)) await writePostPage(walk, page);
    } finally {
      await walk.comments.close();
      await walk.aliases.close();
    }
    await writeUnattachedMedia(walk, users[0]?.login ?? '');
    await out.write(wxrFoot());
    return counts;
  });
}

async function writeTerms(storage: Storage, out: ExportOutput, counts: ExportCounts): Promise<void> {
  const categories = sortCategories(await storage.terms.list('category'));
  for (const { term, parentSlug } of categories) await out.write(wxrCategory(term, parentSlug));
  const tags = await storage.terms.list('tag');
  for (const tag of tags) await out.write(wxrTag(tag));
  counts.categories = categories.length;
  counts.tags = tags.length;
}

async function writePostPage(walk: Walk, page: Post[]): Promise<void> {
  const termsOf = await walk.storage.posts.termsOf(page.map((p) => p.id));
  for (const post of page) {
    const thumbnailId = await writeFeaturedImage(walk, post);
    const aliases: string[] = [];
    for await (const alias of walk.aliases.of(post.id)) aliases.push(alias.path);
    walk.counts.aliases += aliases.length;
    await walk.out.write(
      wxrPostStart(
        {
          post,
          link: walk.links.post(post),
          guid: guidOf(walk, post, aliases),
          authorLogin: walk.loginOf.get(post.authorId) ?? '',
          // WordPress keeps HTML: a Markdown post's rendering, an imported post's HTML as it came.
          content: post.format === 'html' ? post.source : post.html,
          postDate: walk.localDate(post.publishedAt),
          terms: termsOf.get(post.id) ?? ([] as Term[]),
          thumbnailId,
          aliases,
          password: post.protected ? ((await walk.storage.posts.passwordOf(post.id)) ?? '') : '',
        },
        walk.localDate,
      ),
    );
    for await (const comment of walk.comments.of(post.id)) {
      await walk.out.write(wxrComment(comment, walk.localDate));
      walk.counts.comments++;
    }
    await walk.out.write(wxrItemEnd());
    countPost(walk.counts, post);
  }
}

/**
 * WordPress's guid is the address a post was first known by, kept when it moves. An imported post's
 * first address is its old WordPress path, so that is its guid here; importers (ours included) take
 * a guid on the exporting site's host as one more old address, which keeps it answering after the
 * next move. All the old paths also go in ALIASES_META.
 */
function guidOf(walk: Walk, post: Post, aliases: string[]): string {
  // The id feed readers know it by already, from WordPress or an earlier move.
  if (post.guid) return post.guid;
  // A path without its trailing slash only ever answers by redirecting to the one with it.
  const paths = aliases.filter((a) => a.startsWith('/') && !a.includes('?'));
  const path = paths.find((a) => a.endsWith('/')) ?? paths[0];
  return path === undefined ? walk.links.guid(post.id) : walk.links.base + path;
}

/** Writes the post's featured image as an attachment the first time it is seen; returns its item id. */
async function writeFeaturedImage(walk: Walk, post: Post): Promise<number | null> {
  if (!post.image) return null;
  const id = walk.attachmentBase + post.image.mediaId;
  if (walk.written.has(post.image.mediaId)) return id;
  const media = await walk.storage.media.findById(post.image.mediaId);
  if (!media) return null;
  walk.written.add(media.id);
  await walk.out.write(
    wxrAttachment(
      {
        id,
        url: walk.links.media(media.path),
        file: media.path,
        parentId: post.id,
        caption: post.image.caption,
        alt: post.image.alt,
        createdAt: media.createdAt,
        creator: walk.loginOf.get(post.authorId) ?? '',
      },
      walk.localDate,
    ),
  );
  walk.counts.media++;
  return id;
}

/** Media no post features (or only posts written after the export began) as unattached items. */
async function writeUnattachedMedia(walk: Walk, creator: string): Promise<void> {
  for await (const media of allMedia(walk.storage)) {
    if (walk.written.has(media.id)) continue;
    await walk.out.write(
      wxrAttachment(
        {
          id: walk.attachmentBase + media.id,
          url: walk.links.media(media.path),
          file: media.path,
          parentId: 0,
          caption: '',
          alt: '',
          createdAt: media.createdAt,
          creator,
        },
        walk.localDate,
      ),
    );
    walk.counts.media++;
  }
}
