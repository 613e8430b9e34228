import { sign, verify } from './signing.ts';

/**
 * The links a subscription email carries, each signed for its own purpose with the site secret, and
 * naming the subscriber and the address it was mailed to: a link works only for that address, and
 * can be neither forged nor turned into another kind of link. Confirm links expire; unsubscribe and
 * manage links do not, since an unsubscribe link in an old email must still work (RFC 8058).
 */
export const CONFIRM_LINK_DAYS = 7;

export const SUBSCRIPTION_PATHS = {
  subscribe: '/subscriptions',
  confirm: '/subscriptions/confirm',
  unsubscribe: '/subscriptions/unsubscribe',
  manage: '/subscriptions/manage',
} as const;

type Purpose = 'confirm' | 'unsubscribe' | 'manage';

export interface ConfirmLink {
  subscriberId: number;
  email: string;
  subscriptionIds: number[];
  /** Seconds since the epoch after which the link no longer works. */
  expires: number;
}

export interface UnsubscribeLink {
  subscriberId: number;
  email: string;
  /** One subscription; absent: all of the subscriber's. */
  subscriptionId?: number;
}

export interface ManageLink {
  subscriberId: number;
  email: string;
}

interface Shapes {
  confirm: ConfirmLink;
  unsubscribe: UnsubscribeLink;
  manage: ManageLink;
}

const purposeOf = (purpose: Purpose) => `subscription-${purpose}`;

function token<P extends Purpose>(secret: string, purpose: P, value: Shapes[P]): string {
  return sign(secret, purposeOf(purpose), Buffer.from(JSON.stringify(value)).toString('base64url'));
}

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

function valid<P extends Purpose>(
  purpose: P,
  value: Record<string, unknown>,
): value is Record<string, unknown> & Shapes[P] {
  if (!isId(value.subscriberId) || typeof value.email !== 'string') return false;
  if (purpose === 'confirm')
    return (
      Array.isArray(value.subscriptionIds) &&
      value.subscriptionIds.every(isId) &&
      Number.isFinite(value.expires)
    );
  if (purpose === 'unsubscribe') return value.subscriptionId === undefined || isId(value.subscriptionId);
  return true;
}

/** What a token says, or undefined when it was not made by `token` for this purpose with this secret. */
export function readToken<P extends Purpose>(secret: string, purpose: P, raw: string): Shapes[P] | undefined {
  if (raw.length > 2000) return undefined;
  const payload = verify(secret, purposeOf(purpose), raw);
  if (payload === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    return value && typeof value === 'object' && valid(purpose, value as Record<string, unknown>)
      ? (value as Shapes[P])
      : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute URLs to put in an email. */
export function subscriptionUrls(secret: string, baseUrl: string) {
  const at = (path: string, purpose: Purpose, value: Shapes[Purpose]) =>
    `${baseUrl}${path}?token=${encodeURIComponent(token(secret, purpose, value))}`;
  return {
    confirm: (link: Omit<ConfirmLink, 'expires'>, now: Date) =>
      at(SUBSCRIPTION_PATHS.confirm, 'confirm', {
        ...link,
        expires: Math.floor(now.getTime() / 1000) + CONFIRM_LINK_DAYS * 24 * 3600,
      }),
    unsubscribe: (link: UnsubscribeLink) => at(SUBSCRIPTION_PATHS.unsubscribe, 'unsubscribe', link),
    manage: (link: ManageLink) => at(SUBSCRIPTION_PATHS.manage, 'manage', link),
  };
}

/** A token for a form on our own pages (the manage page's buttons): the query part only. */
export function subscriptionToken<P extends Purpose>(secret: string, purpose: P, value: Shapes[P]): string {
  return token(secret, purpose, value);
}
