import { z } from 'zod';

export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * What becomes of the quotes and dashes a writer types in Markdown: `as-typed` keeps every character
 * (the default); `smart` curls straight quotes into the site language's marks (“…” in English, «…» in
 * Russian and Kazakh) and turns `--` and `---` outside code into – and —. Neither ever replaces
 * (c), (r), (tm), (p) or +-: "(c)" in a list is the writer's, not a copyright sign.
 */
export const TYPOGRAPHY = ['as-typed', 'smart'] as const;
export type Typography = (typeof TYPOGRAPHY)[number];

/** Everything a writer can change about the site without touching the environment. */
export interface SiteSettings {
  title: string;
  tagline: string;
  language: Language;
  postsPerPage: number;
  /** `/:slug/` by default; `:year`, `:month`, `:day` and `:slug` are understood. */
  permalink: string;
  /** Nesting depth of comment threads; WordPress allows 2–10 and defaults to 5. */
  threadDepth: number;
  /** Hold a comment unless its author's email already has an approved comment (WordPress's default). */
  requirePriorApproval: boolean;
  /** Hold a comment with this many links or more. */
  holdLinkCount: number;
  /** Words, emails or fragments that hold a comment for review when found in any field. */
  blockedWords: string[];
  commentMaxLength: number;
  /** Comments one IP may post per window, and the window in seconds. */
  commentRateLimit: number;
  commentRateWindowSeconds: number;
  /** A form posted back sooner than this after it was served is taken for a bot. */
  commentMinFillSeconds: number;
  /** The same text from the same person on the same post within this many hours is a repeat, not stored. */
  commentDuplicateHours: number;
  /**
   * Refused submissions (a bad field, a stale form, a repeat) one IP may make per window. Generous,
   * because many readers can share one address (Tor, a carrier's NAT); past it, a short 429.
   */
  commentRefusedLimit: number;
  commentRefusedWindowSeconds: number;
  /** The largest image `post publish` reads, in bytes. */
  mediaMaxBytes: number;
  timezone: string;
  /** Feeds carry each post's whole text; false sends the excerpt only, for readers to click through. */
  feedFullText: boolean;
  /** Posts stop taking comments this many days after they come out; 0 keeps them open. */
  closeCommentsAfterDays: number;
  /** Quotes and dashes in posts written in Markdown: kept as typed, or curled (see TYPOGRAPHY). */
  typography: Typography;
  /** Email the post's writer about each new comment (held ones too, so they can be moderated). */
  notifyWriterOfComments: boolean;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  title: 'Samizdat',
  tagline: '',
  language: 'en',
  postsPerPage: 10,
  permalink: '/:slug/',
  threadDepth: 5,
  requirePriorApproval: true,
  holdLinkCount: 2,
  blockedWords: [],
  commentMaxLength: 20_000,
  commentRateLimit: 5,
  commentRateWindowSeconds: 60,
  commentMinFillSeconds: 3,
  commentDuplicateHours: 24,
  commentRefusedLimit: 30,
  commentRefusedWindowSeconds: 600,
  mediaMaxBytes: 25 * 1024 * 1024,
  timezone: 'UTC',
  feedFullText: true,
  closeCommentsAfterDays: 0,
  typography: 'as-typed',
  notifyWriterOfComments: false,
};

/** A stored value of the wrong type (or none) falls back to the default, as if never set. */
const or = <T extends z.ZodType>(schema: T, fallback: z.output<T>) => schema.catch(fallback);

const d = DEFAULT_SETTINGS;
const STORED = z.object({
  title: or(z.string(), d.title),
  tagline: or(z.string(), d.tagline),
  language: or(z.enum(LANGUAGES), d.language),
  postsPerPage: or(z.number(), d.postsPerPage),
  permalink: or(z.string(), d.permalink),
  threadDepth: or(
    z.number().transform((depth) => Math.min(10, Math.max(1, Math.trunc(depth)))),
    d.threadDepth,
  ),
  requirePriorApproval: or(z.boolean(), d.requirePriorApproval),
  holdLinkCount: or(z.number(), d.holdLinkCount),
  blockedWords: or(z.array(z.string()), d.blockedWords),
  commentMaxLength: or(z.number(), d.commentMaxLength),
  commentRateLimit: or(z.number(), d.commentRateLimit),
  commentRateWindowSeconds: or(z.number(), d.commentRateWindowSeconds),
  commentMinFillSeconds: or(z.number(), d.commentMinFillSeconds),
  commentDuplicateHours: or(z.number().nonnegative(), d.commentDuplicateHours),
  commentRefusedLimit: or(z.number().positive(), d.commentRefusedLimit),
  commentRefusedWindowSeconds: or(z.number().positive(), d.commentRefusedWindowSeconds),
  mediaMaxBytes: or(z.number().positive(), d.mediaMaxBytes),
  timezone: or(z.string(), d.timezone),
  feedFullText: or(z.boolean(), d.feedFullText),
  closeCommentsAfterDays: or(z.number().min(0), d.closeCommentsAfterDays),
  typography: or(z.enum(TYPOGRAPHY), d.typography),
  notifyWriterOfComments: or(z.boolean(), d.notifyWriterOfComments),
}) satisfies z.ZodType<SiteSettings>;

/** Stored settings merged over the defaults; unknown keys and values of the wrong type are ignored. */
export function resolveSettings(stored: Record<string, unknown>): SiteSettings {
  return STORED.parse(stored);
}

/** What the formatter needs of the settings to render a post's Markdown. */
export function textStyle(settings: Pick<SiteSettings, 'typography' | 'language'>): {
  typography: Typography;
  language: Language;
} {
  return { typography: settings.typography, language: settings.language };
}
