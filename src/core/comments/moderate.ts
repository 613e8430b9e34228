import type { SiteSettings } from '../site/settings.ts';
import type { CommentInput } from './validate.ts';

export type ModerationVerdict = { status: 'approved' | 'pending'; reason: string };

/**
 * WordPress's default discussion rules, in its order: blocked words, then too many links, then
 * "comment author must have a previously approved comment". The reason is kept for the moderator.
 */
export function moderate(
  input: CommentInput,
  html: string,
  settings: Pick<SiteSettings, 'blockedWords' | 'holdLinkCount' | 'requirePriorApproval'>,
  hasPriorApproval: boolean,
): ModerationVerdict {
  const haystack = [input.comment, input.author, input.email, input.url].join('\n').toLowerCase();
  const blocked = settings.blockedWords
    .map((w) => w.trim().toLowerCase())
    .find((w) => w.length > 0 && haystack.includes(w));
  if (blocked) return { status: 'pending', reason: `blocked word: ${blocked}` };

  const links = (html.match(/<a\s/gi) ?? []).length;
  if (settings.holdLinkCount > 0 && links >= settings.holdLinkCount) {
    return { status: 'pending', reason: `${links} links` };
  }
  if (settings.requirePriorApproval && !hasPriorApproval) {
    return { status: 'pending', reason: 'first comment from this email' };
  }
  return { status: 'approved', reason: '' };
}
