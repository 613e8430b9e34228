import type { Kysely, Selectable } from 'kysely';
import type { UserRepository } from '../../core/ports/storage.ts';
import type { Role, User } from '../../core/users/user.ts';
import { readDate, type SqlDialect } from '../dialect.ts';
import { guardUnique } from '../errors.ts';
import type { Database, UsersTable } from '../schema.ts';
import { emailKey } from './comments.ts';

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    displayName: row.display_name,
    bio: row.bio,
    role: row.role as Role,
    passwordHash: row.password_hash,
    createdAt: readDate(row.created_at),
  };
}

const loginKey = (login: string) => login.trim().toLowerCase();

export function userRepository(db: Kysely<Database>, d: SqlDialect): UserRepository {
  const findBy = async (column: 'id' | 'login_key' | 'email_key', value: number | string) => {
    const row = await db.selectFrom('users').selectAll().where(column, '=', value).executeTakeFirst();
    return row && toUser(row);
  };

  return {
    async create(user) {
      const row = await guardUnique(
        db,
        d,
        (text) => (text.includes('email') ? 'email' : 'login'),
        () =>
          db
            .insertInto('users')
            .values({
              login: user.login,
              login_key: loginKey(user.login),
              email: user.email,
              email_key: emailKey(user.email),
              display_name: user.displayName,
              bio: user.bio,
              role: user.role,
              password_hash: user.passwordHash,
              created_at: d.date(new Date()),
            })
            .returningAll()
            .executeTakeFirstOrThrow(),
      );
      return toUser(row);
    },

    findById: (id) => findBy('id', id),
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('id', 'in', [...new Set(ids)])
        .execute();
      return rows.map(toUser);
    },
    // Logins and emails are matched case-insensitively: people type "Alice" for "alice".
    findByLogin: (login) => findBy('login_key', loginKey(login)),
    findByEmail: async (email) => (emailKey(email) === '' ? undefined : findBy('email_key', emailKey(email))),

    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
      return rows.map(toUser);
    },
  };
}
