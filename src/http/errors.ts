import type { SubmitError } from '../core/comments/submit.ts';

/** The one place where an expected failure of the core becomes an HTTP status. */
export function submitErrorStatus(error: SubmitError): 404 | 422 | 429 {
  switch (error.type) {
    case 'post-not-found':
      return 404;
    case 'rate-limited':
      return 429;
    case 'invalid':
      return 422;
  }
}
