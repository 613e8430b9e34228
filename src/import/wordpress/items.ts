import { statusAt, type FeaturedImage, type NewPost, type PostStatus } from '../../core/posts/post.ts';
import type { BatchPost, ImportBatch } from '../../core/imports/batch.ts';
import type { WxrItem } from '../wxr/types.ts';
import { mapComments, type CommentContext } from './comments.ts';
import { convertContent } from './content.ts';
import { termKey, type WriteContext } from './people.ts';
import type { Plan } from './plan.ts';
import { note, skip } from './report.ts';
import { isImportable, publishedAt, STATUSES, type AttachmentEntry } from './scan.ts';
import { plainText, slugFromWordpress } from './text.ts';

/**
 * The second pass, one item at a time: a post or page with its terms, comments and old addresses,
 * converted into what the core's import batch writes (import.ts gathers them and writes whole items
 * only, with their import records in the same transaction), so an import killed at any moment
 * leaves whole posts or none, and the next run skips exactly the posts already there.
 */

export interface ItemContext extends CommentContext, WriteContext {
  plan: Plan;
  authors: Map<string, number>;
  fallbackAuthorId: number;
  terms: Map<string, number>;
  /** WordPress attachment id → media id, for what went into the media library. */
  media: Map<number, number>;
  attachments: Map<number, AttachmentEntry>;
  now: Date;
}

const label = (item: WxrItem) => {
  const title = plainText(item.title);
  return `${item.postType || 'item'} ${item.id}${title ? ` “${title.length > 40 ? `${title.slice(0, 39)}…` : title}”` : ''}`;
};

/** Why an item that is not a post or page we bring in is left out. Attachments went to media. */
function skipReason(item: WxrItem): string | undefined {
  if (item.postType === 'attachment') return undefined;
  if (item.id <= 0 || item.postType === '') return 'items without a WordPress post id or type';
  if (item.postType === 'post' || item.postType === 'page')
    return `${item.postType}s with the status "${item.status}" are not imported`;
  return `items of the type "${item.postType}" are not imported`;
}

function statusOf(ctx: ItemContext, item: WxrItem): PostStatus {
  const status = statusAt(STATUSES[item.status]!, publishedAt(item, ctx.now), ctx.now);
  if (item.status === 'pending')
    note(ctx.report, 'pending review in WordPress: imported as a draft', label(item));
  // Published behind its password, as WordPress shows it: at its address, in listings, text locked.
  if (item.postPassword && (status === 'published' || status === 'scheduled'))
    note(
      ctx.report,
      'password-protected: imported with its password (its text shown to those who have it)',
      label(item),
    );
  return status;
}

function imageOf(ctx: ItemContext, item: WxrItem): FeaturedImage | null {
  const id = Number(item.meta['_thumbnail_id'] ?? '');
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const mediaId = ctx.media.get(id);
  const attachment = ctx.attachments.get(id);
  if (mediaId === undefined || !attachment) {
    note(ctx.report, 'featured image not in the media library: the post has none', label(item));
    return null;
  }
  return {
    mediaId,
    alt: attachment.alt,
    caption: attachment.caption,
    credit: item.meta[IMAGE_CREDIT_META] ?? '',
  };
}

function postOf(ctx: ItemContext, item: WxrItem, slug: string): NewPost {
  const converted = convertContent(item.content, { rewriteUrl: ctx.rewriteUrl });
  for (const text of converted.notes) note(ctx.report, text, label(item));
  if (/<[a-z]/i.test(item.title)) note(ctx.report, 'HTML in a title was reduced to its text', label(item));
  return {
    type: item.postType === 'page' ? 'page' : 'post',
    status: statusOf(ctx, item),
    slug,
    title: plainText(item.title),
    source: converted.html,
    format: 'html',
    html: ctx.formatter.html(converted.html),
    excerpt: plainText(item.excerpt),
    authorId: ctx.authors.get(item.creator.trim()) ?? ctx.fallbackAuthorId,
    image: imageOf(ctx, item),
    commentStatus: item.commentStatus === 'closed' ? 'closed' : 'open',
    sticky: item.isSticky,
    publishedAt: publishedAt(item, ctx.now),
    guid: feedId(item.guid),
    password: item.postPassword,
  };
}

/**
 * The guid WordPress's feeds gave the item, kept as our feeds' id for it. Only an absolute URI
 * (WordPress writes `http://host/?p=ID`) can be an Atom id; anything else is left out.
 */
function feedId(guid: string): string {
  const text = guid.trim();
  return /^[a-z][a-z0-9+.-]*:[^\s<>"]+$/i.test(text) && text.length <= 2000 ? text : '';
}

/** And the featured image's credit, which WordPress has no field for. */
const IMAGE_CREDIT_META = '_samizdat_image_credit';

/** Local ids of the post's categories and tags (other taxonomies, like post formats, are left out). */
function termIdsOf(ctx: ItemContext, item: WxrItem): number[] {
  const ids: number[] = [];
  for (const term of item.terms) {
    const taxonomy =
      term.taxonomy === 'category' ? 'category' : term.taxonomy === 'post_tag' ? 'tag' : undefined;
    if (!taxonomy) continue;
    const slug = slugFromWordpress(term.slug) || slugFromWordpress(plainText(term.name));
    const id = ctx.terms.get(termKey(taxonomy, slug));
    if (id !== undefined && id > 0) ids.push(id);
  }
  return ids;
}

/** A post not imported before: everything the batch writes for it. */
function mapNew(ctx: ItemContext, item: WxrItem, slug: string): BatchPost {
  const fields = postOf(ctx, item, slug);
  const aliases = ctx.plan.addresses.get(item.id) ?? [];
  const comments = mapComments(ctx, { wordpressId: item.id, publishedAt: fields.publishedAt }, item.comments);
  ctx.report.imported[fields.type === 'page' ? 'pages' : 'posts']++;
  ctx.report.imported.aliases += aliases.length;
  return { sourceId: String(item.id), post: fields, termIds: termIdsOf(ctx, item), aliases, comments };
}

/** A post an earlier run imported: left as it is, but comments added to the export since are brought in. */
async function mapNewComments(
  ctx: ItemContext,
  item: WxrItem,
  localId: number,
): Promise<MappedItem | undefined> {
  ctx.report.alreadyImported[item.postType === 'page' ? 'pages' : 'posts']++;
  if (item.comments.length === 0 || localId < 0) return undefined;
  const known = await ctx.storage.imports.commentsOf(ctx.source, localId);
  ctx.report.alreadyImported.comments += known.size;
  if (known.size >= item.comments.length) return undefined;
  const post = await ctx.storage.posts.findById(localId);
  if (!post) return undefined;
  const target = { wordpressId: item.id, publishedAt: post.publishedAt };
  const comments = mapComments(ctx, target, item.comments, known);
  return comments.length > 0 ? { comments: { postId: localId, comments } } : undefined;
}

/** What one item of the export adds to a batch: a new post, comments under an old one, or nothing. */
export type MappedItem = { post: BatchPost } | { comments: ImportBatch['comments'][number] };

/**
 * One item of the export, converted for writing (reports and notes included), or nothing to write.
 * Nothing is written here: the caller gathers items into batches (import.ts).
 */
export async function mapItem(ctx: ItemContext, item: WxrItem): Promise<MappedItem | undefined> {
  if (!isImportable(item)) {
    const reason = skipReason(item);
    if (reason) skip(ctx.report, reason, label(item));
    return undefined;
  }
  const done = ctx.plan.imported.get(item.id);
  if (done !== undefined) return mapNewComments(ctx, item, done);
  const slug = ctx.plan.slugs.get(item.id);
  if (slug === undefined) {
    skip(ctx.report, 'not seen by the first pass (the file changed?)', label(item));
    return undefined;
  }
  return { post: mapNew(ctx, item, slug) };
}
