import { err, ok, type Result } from '../result.ts';
import { POST_STATUSES, POST_TYPES, type PostCommentStatus, type PostStatus, type PostType } from './post.ts';
import { isValidSlug, slugify } from './slug.ts';

/** A post as the writer describes it in a Markdown file's front matter, checked. */
export interface PostDraft {
  type: PostType;
  title: string;
  slug: string;
  date: Date | null;
  status: PostStatus;
  author: string | null;
  tags: string[];
  /** Each category as its path from the top, e.g. ["World", "Central Asia"]. */
  categories: string[][];
  excerpt: string;
  commentStatus: PostCommentStatus;
  sticky: boolean;
  body: string;
  image: { file: string; alt: string; caption: string; credit: string } | null;
}

const KNOWN = new Set([
  'title',
  'slug',
  'date',
  'status',
  'author',
  'tags',
  'categories',
  'excerpt',
  'comments',
  'image',
  'image_alt',
  'image_caption',
  'image_credit',
  'type',
  'sticky',
]);

/** WordPress's words for the same statuses, so front matter written for either works. */
const STATUS_ALIASES: Record<string, PostStatus> = {
  publish: 'published',
  future: 'scheduled',
  pending: 'draft',
};

/** Reads front matter into a draft, or lists every problem found, one line each. */
export function readPostDraft(meta: Record<string, unknown>, body: string): Result<PostDraft, string[]> {
  const problems: string[] = [];
  const text = (key: string): string => {
    const value = meta[key];
    if (value === undefined || value === null) return '';
    if (typeof value === 'string' || typeof value === 'number') return String(value).trim();
    problems.push(`${key}: expected text`);
    return '';
  };
  const list = (key: string): string[] => {
    const value = meta[key];
    if (value === undefined || value === null) return [];
    if (typeof value === 'string')
      return value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return value.map((v) => String(v).trim()).filter(Boolean);
    }
    problems.push(`${key}: expected a list of names`);
    return [];
  };

  for (const key of Object.keys(meta)) if (!KNOWN.has(key)) problems.push(`${key}: unknown field`);

  const title = text('title');
  if (!title) problems.push('title: required');
  const slug = text('slug') || slugify(title);
  if (title && !isValidSlug(slug))
    problems.push(`slug: "${slug}" is not a valid slug (lowercase letters, digits, dashes)`);

  const rawStatus = text('status').toLowerCase() || 'published';
  const status = STATUS_ALIASES[rawStatus] ?? rawStatus;
  if (!(POST_STATUSES as readonly string[]).includes(status)) {
    problems.push(`status: "${rawStatus}" is not one of ${POST_STATUSES.join(', ')}`);
  }
  const type = text('type') || 'post';
  if (!(POST_TYPES as readonly string[]).includes(type)) problems.push(`type: "${type}" is not post or page`);

  const date = readDate(meta.date, problems);
  const comments = text('comments') || 'open';
  if (comments !== 'open' && comments !== 'closed') problems.push('comments: expected open or closed');
  const sticky = meta.sticky === undefined ? false : meta.sticky === true;
  if (meta.sticky !== undefined && typeof meta.sticky !== 'boolean')
    problems.push('sticky: expected true or false');

  const imageFile = text('image');
  const image = imageFile
    ? {
        file: imageFile,
        alt: text('image_alt'),
        caption: text('image_caption'),
        credit: text('image_credit'),
      }
    : null;
  if (image && !image.alt)
    problems.push('image_alt: required when there is an image (readers who cannot see it)');
  if (!body.trim()) problems.push('body: the post has no text');

  if (problems.length > 0) return err(problems);
  return ok({
    type: type as PostType,
    title,
    slug,
    date,
    status: status as PostStatus,
    author: text('author') || null,
    tags: list('tags'),
    categories: list('categories').map((c) =>
      c
        .split('>')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    excerpt: text('excerpt'),
    commentStatus: comments as PostCommentStatus,
    sticky,
    body,
    image,
  });
}

function readDate(value: unknown, problems: string[]): Date | null {
  if (value === undefined || value === null || value === '') return null;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    problems.push(`date: "${String(value)}" is not a date (use 2026-11-28 or 2026-11-28T09:30:00Z)`);
    return null;
  }
  return date;
}
