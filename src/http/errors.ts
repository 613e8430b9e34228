import type { SubmitError } from '../core/comments/submit.ts';

/** The one place where an expected failure of the core becomes an HTTP status. */
export function submitErrorStatus(error: SubmitError): 404 | 422 | 429 {
  switch (error.type) {
    case 'post-not-found':
      return 404;
    case 'rate-limited':
    case 'too-many-refused':
      return 429;
    case 'invalid':
    // A repeat comes back with the form like any refusal, its message linking to the first one.
    case 'duplicate':
      return 422;
  }
}
