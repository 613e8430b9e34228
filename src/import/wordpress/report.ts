import type { CommentKind, CommentStatus } from '../../core/comments/comment.ts';

/**
 * What an import did, for the writer: counts per kind, what was skipped and why, media that stayed
 * on the old site, and what the content conversion could not carry over exactly. The same data is
 * printed as a summary or, with --json, as JSON.
 */
export interface ImportReport {
  file: string;
  /** The site the export came from: the key its import records are kept under. */
  source: string;
  dryRun: boolean;
  /** Written by this run (or, in a dry run, what would be). */
  imported: {
    posts: number;
    pages: number;
    attachments: number;
    comments: Record<CommentStatus, number>;
    commentKinds: Record<CommentKind, number>;
    authors: number;
    categories: number;
    tags: number;
    aliases: number;
  };
  /** Existing users an author was matched to, by login or email. */
  matchedAuthors: number;
  /** Found already imported by an earlier run, and left as they are. */
  alreadyImported: { posts: number; pages: number; attachments: number; comments: number; authors: number };
  skipped: Tally[];
  /** Files not brought into the media library: their links keep pointing at the old site. */
  missingMedia: { total: number; items: { url: string; reason: string }[] };
  /** What conversion kept as safe HTML or changed, with a few of the posts it happened in. */
  notes: Tally[];
  items: number;
  seconds: number;
  itemsPerSecond: number;
}

export interface Tally {
  reason: string;
  count: number;
  examples: string[];
}

/** Bounds on what a report keeps, so a 20,000-post import cannot grow it without limit. */
const EXAMPLES = 5;
const DISTINCT = 200;
const MISSING_LISTED = 500;

export function emptyReport(file: string, dryRun: boolean): ImportReport {
  return {
    file,
    source: '',
    dryRun,
    imported: {
      posts: 0,
      pages: 0,
      attachments: 0,
      comments: { approved: 0, pending: 0, spam: 0, trash: 0 },
      commentKinds: { comment: 0, pingback: 0, trackback: 0 },
      authors: 0,
      categories: 0,
      tags: 0,
      aliases: 0,
    },
    matchedAuthors: 0,
    alreadyImported: { posts: 0, pages: 0, attachments: 0, comments: 0, authors: 0 },
    skipped: [],
    missingMedia: { total: 0, items: [] },
    notes: [],
    items: 0,
    seconds: 0,
    itemsPerSecond: 0,
  };
}

function tally(list: Tally[], reason: string, example: string): void {
  let entry = list.find((t) => t.reason === reason);
  if (!entry) {
    // Past the bound, new reasons are counted together rather than listed one by one.
    if (list.length >= DISTINCT) return tally(list, 'other', example);
    entry = { reason, count: 0, examples: [] };
    list.push(entry);
  }
  entry.count++;
  if (example && entry.examples.length < EXAMPLES && !entry.examples.includes(example))
    entry.examples.push(example);
}

export function skip(report: ImportReport, reason: string, example: string): void {
  tally(report.skipped, reason, example);
}

export function note(report: ImportReport, text: string, example: string): void {
  tally(report.notes, text, example);
}

export function missing(report: ImportReport, url: string, reason: string): void {
  report.missingMedia.total++;
  if (report.missingMedia.items.length < MISSING_LISTED) report.missingMedia.items.push({ url, reason });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function tallyLines(title: string, list: Tally[]): string[] {
  if (list.length === 0) return [];
  const sorted = [...list].sort((a, b) => b.count - a.count);
  return [
    `${title}:`,
    ...sorted.map(
      (t) => `  ${t.count} × ${t.reason}${t.examples.length ? ` (${t.examples.join(', ')})` : ''}`,
    ),
  ];
}

/** The summary printed at the end of an import, one fact per line. */
export function formatReport(r: ImportReport): string {
  const i = r.imported;
  const c = i.comments;
  const already = r.alreadyImported;
  const alreadyTotal =
    already.posts + already.pages + already.attachments + already.comments + already.authors;
  const lines = [
    `${r.dryRun ? 'Dry run (nothing written): would import' : 'Imported'} from ${r.source} (${r.file}):`,
    `  ${plural(i.posts, 'post')}, ${plural(i.pages, 'page')}, ${plural(i.attachments, 'attachment')} into the media library`,
    `  ${plural(i.commentKinds.comment, 'comment')}, ${plural(i.commentKinds.pingback, 'pingback')}, ${plural(i.commentKinds.trackback, 'trackback')}: ` +
      `${c.approved} approved, ${c.pending} pending, ${c.spam} spam, ${c.trash} in the trash`,
    `  ${plural(i.authors, 'new author')} (${plural(r.matchedAuthors, 'matched to an existing user', 'matched to existing users')}), ` +
      `${plural(i.categories, 'category', 'categories')}, ${plural(i.tags, 'tag')}`,
    `  ${plural(i.aliases, 'old address', 'old addresses')} redirecting to the new ones`,
  ];
  if (alreadyTotal > 0) {
    lines.push(
      `Already imported by an earlier run, left as they are: ${plural(already.posts, 'post')}, ${plural(already.pages, 'page')}, ` +
        `${plural(already.attachments, 'attachment')}, ${plural(already.comments, 'comment')}, ${plural(already.authors, 'author')}`,
    );
  }
  lines.push(...tallyLines('Skipped', r.skipped));
  if (r.missingMedia.total > 0) {
    lines.push(`Media left on the old site (${r.missingMedia.total}; links keep pointing there):`);
    for (const m of r.missingMedia.items.slice(0, 20)) lines.push(`  ${m.url} (${m.reason})`);
    if (r.missingMedia.total > 20)
      lines.push(`  … and ${r.missingMedia.total - 20} more (--json lists up to ${MISSING_LISTED})`);
  }
  lines.push(...tallyLines('Conversion notes', r.notes));
  lines.push(
    `${plural(r.items, 'item')} in ${r.seconds.toFixed(1)} s (${Math.round(r.itemsPerSecond)} items/s)`,
  );
  return lines.join('\n');
}
