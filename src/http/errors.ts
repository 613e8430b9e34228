import type { CommentFieldError } from '../core/comments/comment.ts';
import type { SubmitError, SubmitField } from '../core/comments/submit.ts';
import type { Failure, FailureOf, FailureType } from '../core/failures.ts';
import type { MessageKey, PluralKey } from '../render/i18n/types.ts';

/** How a failure reaches a reader: the status, the message that says it, and the page it is shown on. */
export interface HttpFailure {
  status: 400 | 403 | 404 | 409 | 410 | 422 | 429;
  /** What a JSON error carries as its `code`'s human text, and what a page words it with. */
  key: MessageKey | PluralKey;
  /**
   * The site's 404 page, the form the reader sent given back with its messages, or (past the limit
   * of refusals) a small page that only gives the reader their text back.
   */
  page: 'not-found' | 'form' | 'refused';
}

/** The one table from a failure of the core to HTTP. */
const TABLE: { readonly [T in FailureType]: HttpFailure } = {
  'page-not-found': { status: 404, key: 'notFound.title', page: 'not-found' },
  'post-not-found': { status: 404, key: 'error.form.notFound', page: 'not-found' },
  'comment-not-found': { status: 404, key: 'notFound.title', page: 'not-found' },
  invalid: { status: 422, key: 'form.errorTitle', page: 'form' },
  'rate-limited': { status: 429, key: 'error.form.rateLimited', page: 'form' },
  // A repeat comes back with the form like any refusal, its message linking to the first one.
  duplicate: { status: 422, key: 'error.form.duplicate', page: 'form' },
  'too-many-refused': { status: 429, key: 'error.form.rateLimited', page: 'refused' },
  'slug-taken': { status: 409, key: 'error.generic', page: 'form' },
  'unknown-author': { status: 422, key: 'error.generic', page: 'form' },
  'author-required': { status: 422, key: 'error.generic', page: 'form' },
  'invalid-user': { status: 422, key: 'error.generic', page: 'form' },
  'user-exists': { status: 409, key: 'error.generic', page: 'form' },
  'wrong-password': { status: 403, key: 'post.passwordWrong', page: 'form' },
  'email-invalid': { status: 422, key: 'error.email.invalid', page: 'form' },
  // A bad link is answered as a page that names nothing: the same for a forged and a removed one.
  'link-invalid': { status: 404, key: 'subscriptions.linkInvalid', page: 'not-found' },
  'link-expired': { status: 410, key: 'subscriptions.linkExpired', page: 'not-found' },
  'link-wrong-address': { status: 403, key: 'subscriptions.linkWrongAddress', page: 'not-found' },
};

export function httpFailure(error: Failure): HttpFailure {
  return TABLE[error.type];
}

/** What a form shows of a failure: its messages per field, and how long to wait before trying again. */
export interface FormFailure extends HttpFailure {
  errors: Partial<Record<SubmitField, CommentFieldError>>;
  retryAfter?: number;
  headers: Record<string, string>;
  /** The comment a repeat repeats, for the form to link to. */
  repeatOf?: number;
}

/** The details each comment failure puts on the form (its status comes from the table). */
const FORM_DETAILS: {
  readonly [T in FormFailureType]: (e: FailureOf<T>) => Omit<FormFailure, keyof HttpFailure>;
} = {
  'post-not-found': () => ({ errors: { form: 'not-found' }, headers: {} }),
  invalid: (e) => ({ errors: e.errors, headers: {} }),
  'rate-limited': (e) => ({
    errors: { form: 'rate-limited' },
    retryAfter: e.retryAfter,
    headers: { 'Retry-After': String(e.retryAfter) },
  }),
  duplicate: (e) => ({ errors: { form: 'duplicate' }, headers: {}, repeatOf: e.commentId }),
  'too-many-refused': (e) => ({ errors: {}, retryAfter: e.retryAfter, headers: {} }),
};
type FormFailureType = SubmitError['type'];

/** A refused comment as the form that sent it shows it. */
export function commentFailure(error: SubmitError): FormFailure {
  const details = FORM_DETAILS[error.type] as (e: typeof error) => Omit<FormFailure, keyof HttpFailure>;
  return { ...httpFailure(error), ...details(error) };
}
