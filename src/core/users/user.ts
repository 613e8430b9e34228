export const ROLES = ['owner', 'admin', 'editor', 'author'] as const;
export type Role = (typeof ROLES)[number];

/** Staff: the people who write and moderate. Readers who comment are not users. */
export interface User {
  id: number;
  login: string;
  email: string;
  displayName: string;
  bio: string;
  role: Role;
  /** Argon2id; null for authors who cannot sign in (imported, or added for a byline only). */
  passwordHash: string | null;
  createdAt: Date;
}

export type NewUser = Omit<User, 'id' | 'createdAt'>;
