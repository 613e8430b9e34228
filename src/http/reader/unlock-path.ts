/** Where the password form of a protected post is sent (reader/post-password.ts). */
export const UNLOCK_PATH = '/unlock';
