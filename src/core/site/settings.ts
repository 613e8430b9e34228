export const LANGUAGES = ['en', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];

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
  timezone: string;
  /** Feeds carry each post's whole text; false sends the excerpt only, for readers to click through. */
  feedFullText: boolean;
  /** Posts stop taking comments this many days after they come out; 0 keeps them open. */
  closeCommentsAfterDays: number;
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
  timezone: 'UTC',
  feedFullText: true,
  closeCommentsAfterDays: 0,
};

/** Stored settings merged over the defaults; unknown keys and values of the wrong type are ignored. */
export function resolveSettings(stored: Record<string, unknown>): SiteSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    const value = stored[key];
    if (value === undefined) continue;
    if (Array.isArray(fallback) ? Array.isArray(value) : typeof value === typeof fallback) out[key] = value;
  }
  const settings = out as unknown as SiteSettings;
  if (!LANGUAGES.includes(settings.language)) settings.language = DEFAULT_SETTINGS.language;
  settings.threadDepth = Math.min(10, Math.max(1, Math.trunc(settings.threadDepth)));
  if (!(settings.closeCommentsAfterDays >= 0)) settings.closeCommentsAfterDays = 0;
  return settings;
}
