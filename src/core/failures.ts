import type { ModerationError } from './comments/moderation.ts';
import type { SubmitError } from './comments/submit.ts';
import type { PublishError } from './posts/publish.ts';
import type { BackupFailure } from './ports/dump.ts';
import type { UnlockError } from './posts/unlock.ts';
import type { SubscriptionError } from './subscriptions/subscribe.ts';
import type { AddUserError } from './users/add-user.ts';

/**
 * Every expected failure a use case returns, by its `type`. Each surface maps them in one table:
 * src/http/errors.ts (status and message key) and src/cli/errors.ts (one line). A new failure type
 * added here fails the type check until both tables say what it means.
 */
export type Failure =
  | SubmitError
  | PublishError
  | AddUserError
  | ModerationError
  | SubscriptionError
  | UnlockError
  | { type: 'page-not-found' };

export type FailureType = Failure['type'];

/** The failure of this type, with its details. */
export type FailureOf<T extends FailureType> = Extract<Failure, { type: T }>;

/**
 * Failures of the operator's own commands (backup, restore): said by the CLI's table only, since no
 * HTTP route meets them.
 */
export type OperatorFailure = BackupFailure;
