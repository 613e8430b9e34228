import { isEmailAddress } from '../comments/validate.ts';
import type { CoreDeps } from '../deps.ts';
import { ConflictError } from '../ports/storage.ts';
import { slugify } from '../posts/slug.ts';
import { err, ok, type Result } from '../result.ts';
import { ROLES, type Role, type User } from './user.ts';

export interface UserDraft {
  login: string;
  email: string;
  displayName: string;
  role: string;
  bio?: string;
}

export type AddUserError =
  { type: 'invalid-user'; problems: string[] } | { type: 'user-exists'; login: string };

export async function addUser(
  deps: Pick<CoreDeps, 'storage'>,
  draft: UserDraft,
): Promise<Result<User, AddUserError>> {
  const problems: string[] = [];
  const login = draft.login.trim().toLowerCase();
  if (!login) problems.push('login: required');
  else if (slugify(login) !== login)
    problems.push(`login: "${login}" may hold only letters, digits and dashes`);
  const email = draft.email.trim();
  if (!isEmailAddress(email)) problems.push(`email: "${email}" is not an email address`);
  if (!(ROLES as readonly string[]).includes(draft.role))
    problems.push(`role: expected one of ${ROLES.join(', ')}`);
  if (problems.length > 0) return err({ type: 'invalid-user', problems });

  if ((await deps.storage.users.findByLogin(login)) || (await deps.storage.users.findByEmail(email))) {
    return err({ type: 'user-exists', login });
  }
  try {
    const user = await deps.storage.users.create({
      login,
      email,
      displayName: draft.displayName.trim() || login,
      bio: draft.bio?.trim() ?? '',
      role: draft.role as Role,
      passwordHash: null,
    });
    return ok(user);
  } catch (error) {
    if (error instanceof ConflictError) return err({ type: 'user-exists', login });
    throw error;
  }
}
