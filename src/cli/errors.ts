import type { Failure, OperatorFailure } from '../core/failures.ts';

/** A failure the user caused and can fix: printed as one line, exit code 1, no stack. */
export class CliError extends Error {}

/** What the line may name: the file or thing the command was working on. */
export interface FailureContext {
  /** Put before the line, as `FILE: …`. */
  subject?: string;
}

/** Every failure a command can print. */
type CommandFailure = Failure | OperatorFailure;

const rowsHeld = (holds: Record<string, number>) =>
  Object.entries(holds)
    .map(([what, n]) => `${what}: ${n}`)
    .join(', ');

/** The one table from a failure of the core to the line the command prints. */
const LINES: {
  readonly [T in CommandFailure['type']]: (e: Extract<CommandFailure, { type: T }>) => string;
} = {
  'unknown-author': (e) =>
    `author "${e.login}" does not exist (add them with: samizdat user add ${e.login} --email …)`,
  'author-required': (e) => `say who wrote it: "author:" one of ${e.candidates.join(', ')}`,
  'slug-taken': (e) => `the slug "${e.slug}" is taken`,
  'invalid-user': (e) => e.problems.join('; '),
  'user-exists': (e) => `a user with login "${e.login}" or that email already exists`,
  'comment-not-found': (e) => `no comment with id #${e.id}`,
  'post-not-found': () => 'no such post',
  'page-not-found': () => 'no such page',
  invalid: (e) => `invalid: ${Object.keys(e.errors).join(', ')}`,
  'rate-limited': (e) => `too many at once; try again in ${e.retryAfter} s`,
  duplicate: (e) => `already said: the same comment is #${e.commentId}`,
  'too-many-refused': (e) => `too many refused; try again in ${e.retryAfter} s`,
  'backup-unreadable': (e) => `not a backup that can be restored: ${e.reason}; nothing was written`,
  'backup-newer-format': (e) =>
    `written by a newer Samizdat (backup format ${e.version}; this version reads ${e.supported}): upgrade Samizdat to restore it; nothing was written`,
  'backup-newer-schema': (e) =>
    `taken from a newer database schema (migration ${e.migration}): upgrade Samizdat to restore it; nothing was written`,
  'restore-not-empty': (e) =>
    `the site is not empty (${rowsHeld(e.holds)}): restore only into a new database and an empty DATA_DIR; nothing was written`,
  'wrong-password': () => 'that is not the post’s password',
  'email-invalid': () => 'not an email address',
  'link-invalid': () => 'the link names no subscription',
  'link-expired': () => 'the link has expired',
  'link-wrong-address': () => 'the link was sent to another address',
};

export function failureLine(error: CommandFailure, context: FailureContext = {}): string {
  const line = (LINES[error.type] as (e: CommandFailure) => string)(error);
  return context.subject ? `${context.subject}: ${line}` : line;
}

/** The failure as the error a command throws: main prints it as one line and exits with 1. */
export function cliFailure(error: CommandFailure, context: FailureContext = {}): CliError {
  return new CliError(failureLine(error, context));
}
