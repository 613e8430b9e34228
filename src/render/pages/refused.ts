import type { Language } from '../../core/site/settings.ts';
import { translator } from '../i18n/index.ts';
import { h } from '../html.ts';

export interface RefusedTooOftenView {
  language: Language;
  /** Seconds until this address may try again. */
  retryAfter: number;
  /** The post the form was on, to go back to. */
  postPath: string;
  /** What the reader typed, kept so that nothing is lost even here. */
  comment: string;
}

/**
 * The answer to an address whose submissions were refused too often: a few hundred bytes rather
 * than the whole post page with its discussion, since a flood of forged forms would otherwise get
 * the site to render that page for each one. The reader's text is still given back.
 */
export function renderRefusedTooOften(view: RefusedTooOftenView): string {
  const t = translator(view.language);
  const title = t.t('form.errorTitle');
  return h`<!doctype html>
<html lang="${view.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<p role="alert">${t.plural('error.form.tooManyRefused', Math.max(1, Math.ceil(view.retryAfter)))}</p>
<p><label for="comment">${t.t('form.comment')}</label><br><textarea id="comment" rows="8" cols="60" readonly>\n${view.comment}</textarea></p>
<p><a href="${view.postPath}#respond">${t.t('comments.leaveReply')}</a></p>
</body>
</html>
`.toString();
}
