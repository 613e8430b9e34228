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

/** Trims the fields and gives a website without a scheme one, as readers expect ("example.org"). */
export function normalizeCommentInput(input: CommentInput): CommentInput {
  const typed = input.url.trim();
  const url = typed && !/^[a-z][a-z0-9+.-]*:/i.test(typed) ? `https://${typed}` : typed;
  return {
    comment: input.comment.replace(/\r\n?/g, '\n').trim(),
    author: input.author.trim(),
    email: input.email.trim(),
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
  return errors;
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
