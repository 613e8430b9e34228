import type { CommentKind, CommentStatus } from '../../core/comments/comment.ts';
import { cleanBody, cleanName, cleanWebsite, hasCredentials } from '../../core/comments/validate.ts';
import type { Formatter } from '../../core/ports/formatter.ts';
import type { BatchComment } from '../../core/imports/batch.ts';
import { keyedHash } from '../../security/signing.ts';
import type { WxrComment } from '../wxr/types.ts';
import { wpautopText } from './content-autop.ts';
import { convertContent } from './content.ts';
import { note, skip, type ImportReport } from './report.ts';
import { wordpressDate } from './text.ts';

/** WordPress's comment statuses; `post-trashed` is a comment under a trashed post. */
const STATUSES: Record<string, CommentStatus> = {
  '1': 'approved',
  '0': 'pending',
  spam: 'spam',
  trash: 'trash',
  'post-trashed': 'trash',
};

const KINDS: Record<string, CommentKind> = {
  '': 'comment',
  comment: 'comment',
  pingback: 'pingback',
  trackback: 'trackback',
};

export interface CommentContext {
  formatter: Formatter;
  /** A commenter's IP address as the site's keyed hash (see `ipHasher`). */
  hashIp: (ip: string) => string;
  source: string;
  report: ImportReport;
  rewriteUrl: (url: string) => string | undefined;
}

/**
 * The same keyed hash the comment form stores for an IP address, so moderation and the rate limiter
 * see one reader across old and new comments. Remembered for the last few thousand addresses:
 * regular commenters come back, and an HMAC per comment is a noticeable share of a large import.
 */
export function ipHasher(secret: string): (ip: string) => string {
  const known = new Map<string, string>();
  return (ip) => {
    let hash = known.get(ip);
    if (hash === undefined) {
      if (known.size >= 5000) known.clear();
      hash = keyedHash(secret, 'ip', ip);
      known.set(ip, hash);
    }
    return hash;
  };
}

/** What may make content more than paragraphs of text: a tag, an entity, a shortcode, a URL. */
const MARKUP = /[<>&[]|:\/\//;

/**
 * Most comments are plain text. Such text goes through none of convertContent's steps but wpautop
 * (there is no tag, shortcode or URL for them to find), and the comment sanitizer gives wpautop's
 * paragraphs and line breaks back unchanged, so both are skipped: on a large import the sanitizer
 * was the biggest single cost. comments.test.ts proves the output equal to the full conversion.
 * Undefined for any other text, which takes the full road.
 */
export function plainCommentHtml(content: string): string | undefined {
  if (MARKUP.test(content)) return undefined;
  const text = content.replace(/\r\n?/g, '\n');
  return text.trim() === '' ? '' : wpautopText(text).trim();
}

/** The key a comment's import record has: its id, or its place under the post if it has none. */
function sourceIdOf(comment: WxrComment, postId: number, index: number): string {
  return comment.id > 0 ? String(comment.id) : `${postId}#${index}`;
}

/**
 * The comments we bring in, oldest first, each after its parent: ids then follow the order readers
 * wrote in, and every reply's parent already exists when the reply is written. A parent missing
 * from the export (or a loop of parents) leaves the reply at the top level, as WordPress shows it.
 */
export function parentsFirst(comments: WxrComment[]): WxrComment[] {
  const byId = new Map(comments.filter((c) => c.id > 0).map((c) => [c.id, c]));
  const time = new Map(comments.map((c) => [c, when(c)]));
  const sorted = [...comments].sort((a, b) => time.get(a)! - time.get(b)! || a.id - b.id);
  // By object, not id: comments without an id (0) are all distinct.
  const emitted = new Set<WxrComment>();
  const waiting = new Map<number, WxrComment[]>();
  const out: WxrComment[] = [];
  const emit = (comment: WxrComment) => {
    const stack = [comment];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (emitted.has(next)) continue;
      out.push(next);
      emitted.add(next);
      stack.push(...(waiting.get(next.id) ?? []).reverse());
      waiting.delete(next.id);
    }
  };
  for (const comment of sorted) {
    const parent =
      comment.parentId > 0 && comment.parentId !== comment.id ? byId.get(comment.parentId) : undefined;
    if (!parent || emitted.has(parent)) emit(comment);
    else waiting.set(parent.id, [...(waiting.get(parent.id) ?? []), comment]);
  }
  // Whatever still waits sits in a loop of parents: each starts at the top level.
  for (const stuck of [...waiting.values()].flat()) emit(stuck);
  return out;
}

function when(comment: WxrComment): number {
  return (wordpressDate(comment.dateGmt) ?? wordpressDate(comment.date))?.getTime() ?? 0;
}

/** A comment's fields, or the reason it is not brought in. */
function toComment(
  ctx: CommentContext,
  comment: WxrComment,
  fallbackDate: Date,
): BatchComment['comment'] | { skip: string } {
  const kind = KINDS[comment.type];
  if (kind === undefined) return { skip: `comments of the type "${comment.type}" are not imported` };
  let status = STATUSES[comment.approved];
  if (status === undefined) {
    note(
      ctx.report,
      `comment status "${comment.approved}" is unknown: imported as pending`,
      String(comment.id),
    );
    status = 'pending';
  }
  // The same cleaning as the comment form's: a name imported is stored as one typed would be.
  const source = cleanBody(comment.content);
  let html = plainCommentHtml(source);
  if (html === undefined) {
    const converted = convertContent(source, { rewriteUrl: ctx.rewriteUrl });
    for (const text of converted.notes) note(ctx.report, text, `comment ${comment.id}`);
    html = ctx.formatter.commentHtml(converted.html);
  }
  let authorUrl = cleanWebsite(comment.authorUrl);
  if (hasCredentials(authorUrl)) {
    note(ctx.report, 'a website with a user name or password was left out', `comment ${comment.id}`);
    authorUrl = '';
  }
  return {
    kind,
    status,
    authorName: cleanName(comment.author) || (kind === 'comment' ? 'Anonymous' : authorUrl),
    authorEmail: cleanName(comment.authorEmail),
    authorUrl,
    identityId: null,
    source,
    html,
    ipHash: comment.authorIp ? ctx.hashIp(comment.authorIp) : '',
    notifyReplies: false,
    notifyPosts: false,
    heldReason: status === 'pending' ? 'pending in WordPress' : '',
    createdAt: wordpressDate(comment.dateGmt) ?? wordpressDate(comment.date) ?? fallbackDate,
  };
}

/** Where a reply hangs: a comment stored by an earlier run, or one written with it now. */
function parentOf(
  comment: WxrComment,
  stored: Map<string, number>,
  written: Map<number, number>,
): BatchComment['parent'] {
  if (comment.parentId <= 0) return null;
  const id = stored.get(String(comment.parentId));
  if (id !== undefined) return { id };
  const index = written.get(comment.parentId);
  return index === undefined ? null : { index };
}

/**
 * A post's comments not written yet (`known`: WordPress id → local id, what earlier runs wrote),
 * parents first, converted for the import batch.
 */
export function mapComments(
  ctx: CommentContext,
  post: { wordpressId: number; publishedAt: Date },
  comments: WxrComment[],
  known: Map<string, number> = new Map(),
): BatchComment[] {
  const batch: BatchComment[] = [];
  const written = new Map<number, number>();
  let position = 0;
  for (const comment of parentsFirst(comments)) {
    const sourceId = sourceIdOf(comment, post.wordpressId, position++);
    if (known.has(sourceId)) continue;
    const fields = toComment(ctx, comment, post.publishedAt);
    if ('skip' in fields) {
      skip(ctx.report, fields.skip, `comment ${comment.id}`);
      continue;
    }
    const parent = parentOf(comment, known, written);
    if (comment.parentId > 0 && parent === null) {
      note(
        ctx.report,
        'a reply whose parent is not in the export starts its own thread',
        `comment ${comment.id}`,
      );
    }
    if (comment.id > 0) written.set(comment.id, batch.length);
    batch.push({ sourceId, comment: fields, parent });
    ctx.report.imported.comments[fields.status]++;
    ctx.report.imported.commentKinds[fields.kind]++;
  }
  return batch;
}
