/**
 * The comment form as a browser fills it: read from the post's page (its hidden fields, the signed
 * token), posted back form-encoded with the headers a browser sends from the site's own page.
 * Shared by `npm run load` and the tests that run several instances.
 */

export interface CommentForm {
  postId: string;
  token: string;
  /** Where the form was read, for the Referer. */
  page: string;
}

export interface CommentAnswer {
  status: number;
  /** The new comment's id, from the 303's `Location: …#comment-ID`. */
  commentId?: number;
}

const hidden = (html: string, name: string): string | undefined =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1];

/** Reads the form under the post at `page` (a full URL). */
export async function readCommentForm(page: string): Promise<CommentForm> {
  const res = await fetch(page, { signal: AbortSignal.timeout(15_000) });
  const html = await res.text();
  const postId = hidden(html, 'post_id');
  const token = hidden(html, 'token');
  if (res.status !== 200 || !postId || !token) throw new Error(`no comment form at ${page} (${res.status})`);
  return { postId, token: token.replaceAll('&amp;', '&'), page };
}

/** Posts a comment through `base` (an instance's URL) as if from `origin` (SITE_URL's origin). */
export async function postComment(
  base: string,
  origin: string,
  form: CommentForm,
  fields: {
    author: string;
    email: string;
    comment: string;
    url?: string;
    parent?: number;
    /** The reader's address as a proxy in front would pass it (read when TRUST_PROXY is on). */
    forwardedFor?: string;
  },
): Promise<CommentAnswer> {
  const body = new URLSearchParams({
    post_id: form.postId,
    comment_parent: String(fields.parent ?? 0),
    token: form.token,
    author: fields.author,
    email: fields.email,
    url: fields.url ?? '',
    comment: fields.comment,
    hp_website: '',
  });
  const res = await fetch(`${base}/comments`, {
    method: 'POST',
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin,
      referer: form.page,
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'navigate',
      'sec-fetch-dest': 'document',
      ...(fields.forwardedFor ? { 'x-forwarded-for': fields.forwardedFor } : {}),
    },
  });
  await res.arrayBuffer();
  const id = /#comment-(\d+)$/.exec(res.headers.get('location') ?? '')?.[1];
  return { status: res.status, ...(id ? { commentId: Number(id) } : {}) };
}
