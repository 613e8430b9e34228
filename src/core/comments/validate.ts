import type { CommentFieldError } from './comment.ts';

export interface CommentInput {
  comment: string;
  author: string;
  email: string;
  url: string;
}

export type CommentInputField = keyof CommentInput;

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/u;

/** An address mail can be sent to, by the same rule for commenters and users. */
export function isEmailAddress(text: string): boolean {
  return EMAIL.test(text);
}

/** Field limits follow WordPress's columns, so imported and exported comments fit both ways. */
export const LIMITS = { author: 245, email: 100, url: 200 } as const;

/**
 * What a name or a website may not hold: control characters (C0, DEL, C1), the bidi embeddings,
 * overrides and isolates with the invisible direction marks (LRM, RLM, ALM), which let "‮nimdA"
 * show as "Admin", and the zero-width characters that make two names look the same. ZWNJ (U+200C)
 * and ZWJ (U+200D) stay: Persian, Indic scripts and emoji sequences need them.
 */
const HIDDEN_IN_NAMES =
  /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** What a body may not hold: control characters other than tab and newline (XML cannot carry them). */
const HIDDEN_IN_BODIES = /[\u0000-\u0008\u000b-\u001f]/gu;

/**
 * A name as stored: NFC (so one name has one spelling), broken surrogates replaced, line breaks and
 * tabs turned into spaces, the characters above removed, runs of spaces made one. The comment form
 * and the WordPress importer both store names through this.
 */
export function cleanName(text: string): string {
  return text
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/gu, ' ')
    .replace(HIDDEN_IN_NAMES, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A website as typed, before it is read as a URL: the same characters as a name removed, no spaces. */
export function cleanWebsite(text: string): string {
  return text.toWellFormed().normalize('NFC').replace(HIDDEN_IN_NAMES, '').trim();
}

/** A comment's text as stored: NFC, one kind of line end, NUL and other control characters but tab removed. */
export function cleanBody(text: string): string {
  return text.toWellFormed().normalize('NFC').replace(/\r\n?/g, '\n').replace(HIDDEN_IN_BODIES, '');
}

/**
 * Trims and cleans the fields and gives a website without a scheme one, as readers expect
 * ("example.org"; "user:pw@example.org" is a host with credentials, not a scheme "user:").
 */
export function normalizeCommentInput(input: CommentInput): CommentInput {
  const typed = cleanWebsite(input.url);
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) && !/^[^/?#:]+:[^/?#]*@/.test(typed);
  const url = typed && !hasScheme ? `https://${typed}` : typed;
  return {
    comment: cleanBody(input.comment).trim(),
    author: cleanName(input.author),
    email: cleanName(input.email),
    // Stored as the browser would resolve it, so what is kept is exactly what a link will point to.
    url: isWebUrl(url) ? new URL(url).href : url,
  };
}

export function validateCommentInput(
  input: CommentInput,
  maxLength: number,
): Partial<Record<CommentInputField, CommentFieldError>> {
  const errors: Partial<Record<CommentInputField, CommentFieldError>> = {};
  if (!input.comment) errors.comment = 'required';
  else if (input.comment.length > maxLength) errors.comment = 'too-long';

  if (!input.author) errors.author = 'required';
  else if (input.author.length > LIMITS.author) errors.author = 'too-long';

  if (!input.email) errors.email = 'required';
  else if (input.email.length > LIMITS.email) errors.email = 'too-long';
  else if (!isEmailAddress(input.email)) errors.email = 'invalid';

  if (input.url.length > LIMITS.url) errors.url = 'too-long';
  else if (input.url && !isWebUrl(input.url)) errors.url = 'invalid';
  else if (input.url && hasCredentials(input.url)) errors.url = 'credentials';
  return errors;
}

/**
 * `http://user:password@host/`: a link that hands a password to whoever follows it, or dresses one
 * host up as another (`https://bank.example@evil.example/`). Never published.
 */
export function hasCredentials(url: string): boolean {
  // Only an '@' gives a URL a user name or password; most websites have none, and parsing is not free.
  if (!url.includes('@')) return false;
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return false;
  }
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    // URL() turns an international name into its ASCII form; anything else in a host name is not one.
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(url.hostname)
    );
  } catch {
    return false;
  }
}
