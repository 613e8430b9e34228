import { createHash } from 'node:crypto';
import { js } from './comment-reply.ts';
import { css } from './style.ts';

export interface Asset {
  /** Site path named by a hash of the content, so a response can be cached for good (immutable). */
  path: string;
  body: string;
  /** Content-Type header value. */
  type: string;
}

function asset(name: string, extension: string, body: string, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 8);
  return { path: `/assets/${name}.${hash}.${extension}`, body, type };
}

export const assets = {
  'theme.css': asset('theme', 'css', css, 'text/css; charset=utf-8'),
  'comment-reply.js': asset('comment-reply', 'js', js, 'text/javascript; charset=utf-8'),
} satisfies Record<string, Asset>;
