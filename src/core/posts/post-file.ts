import { z } from 'zod';
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

/** A text field: a string or a number (YAML reads `title: 2026` as one), trimmed; absent is ''. */
const text = z
  .union([z.string(), z.number()], { error: 'expected text' })
  .nullish()
  .transform((value) => (value == null ? '' : String(value).trim()));

/** A list of names: a YAML list, or one line separated by commas. */
const names = z
  .union([z.string().transform((line) => line.split(',')), z.array(z.union([z.string(), z.number()]))], {
    error: 'expected a list of names',
  })
  .nullish()
  .transform((list) => (list ?? []).map((name) => String(name).trim()).filter(Boolean));

/** WordPress's words for the same statuses, so front matter written for either works. */
const STATUS_ALIASES: Record<string, PostStatus> = {
  publish: 'published',
  future: 'scheduled',
  pending: 'draft',
};

/** Each field the front matter may have, in the order its problems are listed. */
const FIELDS = {
  title: text.refine((title) => title !== '', 'required'),
  slug: text,
  status: text.transform((raw, ctx): PostStatus => {
    const status = raw.toLowerCase() || 'published';
    const known = STATUS_ALIASES[status] ?? POST_STATUSES.find((s) => s === status);
    if (!known)
      ctx.addIssue({ code: 'custom', message: `"${status}" is not one of ${POST_STATUSES.join(', ')}` });
    return known ?? 'draft';
  }),
  type: text.transform((raw, ctx): PostType => {
    const type = POST_TYPES.find((t) => t === (raw || 'post'));
    if (!type) ctx.addIssue({ code: 'custom', message: `"${raw}" is not post or page` });
    return type ?? 'post';
  }),
  date: z
    .union([z.date(), z.string().transform((value) => (value === '' ? null : new Date(value)))], {
      error: (issue) => notADate(issue.input),
    })
    .nullish()
    .refine((date) => !date || !Number.isNaN(date.getTime()), { error: (issue) => notADate(issue.input) })
    .transform((date) => date ?? null),
  comments: text.pipe(
    z
      .enum(['', 'open', 'closed'], { error: 'expected open or closed' })
      .transform((comments): PostCommentStatus => comments || 'open'),
  ),
  sticky: z.boolean({ error: 'expected true or false' }).optional(),
  image: text,
  image_alt: text,
  image_caption: text,
  image_credit: text,
  author: text,
  tags: names,
  categories: names,
  excerpt: text,
};

type Fields = { [K in keyof typeof FIELDS]: z.output<(typeof FIELDS)[K]> };

function notADate(value: unknown): string {
  return `"${String(value)}" is not a date (use 2026-11-28 or 2026-11-28T09:30:00Z)`;
}

/** Reads front matter into a draft, or lists every problem found, one line each. */
export function readPostDraft(meta: Record<string, unknown>, body: string): Result<PostDraft, string[]> {
  const problems = Object.keys(meta)
    .filter((key) => !Object.hasOwn(FIELDS, key))
    .map((key) => `${key}: unknown field`);
  const fields: Partial<Record<string, unknown>> = {};
  for (const [key, schema] of Object.entries(FIELDS)) {
    const parsed = schema.safeParse(meta[key]);
    if (parsed.success) fields[key] = parsed.data;
    else problems.push(...parsed.error.issues.map((issue) => `${key}: ${issue.message}`));
    if (key === 'title' && parsed.success) {
      const slug = slugOf(meta, parsed.data as string);
      if (!isValidSlug(slug))
        problems.push(`slug: "${slug}" is not a valid slug (lowercase letters, digits, dashes)`);
    }
  }
  const field = fields as Fields;
  if (field.image && !field.image_alt)
    problems.push('image_alt: required when there is an image (readers who cannot see it)');
  if (!body.trim()) problems.push('body: the post has no text');

  if (problems.length > 0) return err(problems);
  return ok({
    type: field.type,
    title: field.title,
    slug: slugOf(meta, field.title),
    date: field.date,
    status: field.status,
    author: field.author || null,
    tags: field.tags,
    categories: field.categories.map((c) =>
      c
        .split('>')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    excerpt: field.excerpt,
    commentStatus: field.comments,
    sticky: field.sticky ?? false,
    body,
    image: field.image
      ? { file: field.image, alt: field.image_alt, caption: field.image_caption, credit: field.image_credit }
      : null,
  });
}

/** The slug the writer gave, else one made from the title. */
function slugOf(meta: Record<string, unknown>, title: string): string {
  const given = text.safeParse(meta.slug);
  return (given.success && given.data) || slugify(title);
}
