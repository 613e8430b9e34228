import { absolutizeHtml } from '../feeds/absolute.ts';
import { decodeHtmlEntities } from '../entities.ts';
import { translator, type Translator } from '../i18n/index.ts';
import { h, trusted, type Html } from '../html.ts';
import type { SiteView } from '../views.ts';

/**
 * The emails of subscriptions, each with a text and an HTML part in the site's language. Every URL
 * is absolute: an email is read away from the site. A new post's email carries the whole post, so a
 * reader whose network blocks the site still reads it.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** What a confirm email lists: the site's new posts, or one post's follow-up comments. */
export type TopicView = { kind: 'posts' } | { kind: 'replies'; title: string; url: string };

/** The links at the foot of every notification a reader can stop. */
export interface ReaderLinks {
  unsubscribe: string;
  manage: string;
}

export interface PostInMail {
  title: string;
  /** Absolute. */
  url: string;
  /** Sanitized HTML as the site shows it (its URLs are made absolute here). */
  html: string;
}

export interface CommentInMail {
  authorName: string;
  /** Sanitized HTML. */
  html: string;
  /** Absolute, to the comment on its post. */
  url: string;
}

const BLOCKS = /<\/(p|div|h[1-6]|li|blockquote|pre|figure|figcaption|tr|ul|ol|table)>|<br\s*\/?>/gi;

/**
 * Plain text of sanitized HTML for a text part: paragraphs stay paragraphs, list items get a dash,
 * and a link's address follows its words, since a text reader cannot click words.
 */
export function mailText(sanitized: string, base: string): string {
  const text = absolutizeHtml(sanitized, base)
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (whole, href: string, words: string) => {
      const url = decodeHtmlEntities(href);
      const label = decodeHtmlEntities(words.replace(/<[^>]*>/g, '')).trim();
      return label === url || label === '' ? url : `${words} (${url})`;
    })
    .replace(/<img\s[^>]*alt="([^"]*)"[^>]*>/gi, (whole, alt: string) => (alt ? `[${alt}]` : ''))
    .replace(BLOCKS, '\n\n')
    .replace(/<[^>]*>/g, '');
  return decodeHtmlEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function document(t: Translator, subject: string, body: Html): string {
  return `<!doctype html>\n${h`<html lang="${t.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${subject}</title></head>
<body style="margin:0;padding:1em;font-family:Georgia,'Times New Roman',serif;line-height:1.5;color:#222;background:#fff">
<div style="max-width:40em;margin:0 auto">
${body}
</div>
</body>
</html>
`}`;
}

function footerHtml(t: Translator, site: SiteView, links: ReaderLinks | undefined, why: string): Html {
  const rule = h`<hr style="border:0;border-top:1px solid #ccc;margin:2em 0 1em">`;
  const small = 'font-size:0.85em;color:#555';
  if (!links) return h`${rule}<p style="${small}">${why}</p>`;
  return h`${rule}<p style="${small}">${why}<br><a href="${links.unsubscribe}">${t.t('mail.footer.unsubscribe')}</a> · <a href="${links.manage}">${t.t('subscriptions.manageLink')}</a> · <a href="${site.baseUrl}/">${site.settings.title}</a></p>`;
}

function footerText(t: Translator, links: ReaderLinks | undefined, why: string): string {
  const lines = ['-- ', why];
  if (links) {
    lines.push(`${t.t('mail.footer.unsubscribe')}: ${links.unsubscribe}`);
    lines.push(`${t.t('subscriptions.manageLink')}: ${links.manage}`);
  }
  return lines.join('\n');
}

const tr = (site: SiteView) => translator(site.settings.language, site.settings.timezone);

export function topicLine(t: Translator, site: SiteView, topic: TopicView): string {
  return topic.kind === 'posts'
    ? t.t('subscriptions.topic.posts', { site: site.settings.title })
    : t.t('subscriptions.topic.replies', { title: topic.title });
}

/** The double opt-in: what was asked for, and the link that confirms it. */
export function renderConfirmMail(
  site: SiteView,
  view: { confirmUrl: string; topics: TopicView[] },
): RenderedMail {
  const t = tr(site);
  const siteName = site.settings.title;
  const subject = t.t('mail.confirm.subject', { site: siteName });
  const lines = view.topics.map((topic) => topicLine(t, site, topic));
  const text = [
    t.t('mail.confirm.intro', { site: siteName }),
    '',
    ...lines.map((line) => `- ${line}`),
    '',
    `${t.t('mail.confirm.action')}: ${view.confirmUrl}`,
    '',
    t.t('mail.confirm.ignore'),
  ].join('\n');
  const items = view.topics.map((topic, i) =>
    topic.kind === 'replies' ? h`<li><a href="${topic.url}">${lines[i]}</a></li>` : h`<li>${lines[i]}</li>`,
  );
  const html = document(
    t,
    subject,
    h`<p>${t.t('mail.confirm.intro', { site: siteName })}</p>
<ul>${items}</ul>
<p><a href="${view.confirmUrl}" style="display:inline-block;padding:0.5em 1em;background:#1a4d8f;color:#fff;text-decoration:none;border-radius:4px">${t.t('mail.confirm.action')}</a></p>
<p style="font-size:0.85em;color:#555">${t.t('mail.confirm.ignore')}</p>`,
  );
  return { subject, text, html };
}

function commentBlock(
  t: Translator,
  post: { title: string; url: string },
  comment: CommentInMail,
): { text: string; html: Html } {
  const intro = t.t('mail.reply.intro', { name: comment.authorName, title: post.title });
  return {
    text: `${intro}\n\n${mailText(comment.html, comment.url)}\n\n${t.t('mail.reply.read')}: ${comment.url}`,
    html: h`<p>${intro}</p>
<blockquote style="margin:1em 0;padding:0 1em;border-left:3px solid #ccc">${trusted(absolutizeHtml(comment.html, comment.url))}</blockquote>
<p><a href="${comment.url}">${t.t('mail.reply.read')}</a></p>`,
  };
}

/** A new comment under a post the reader follows. */
export function renderReplyMail(
  site: SiteView,
  view: { post: { title: string; url: string }; comment: CommentInMail; links: ReaderLinks },
): RenderedMail {
  const t = tr(site);
  const subject = t.t('mail.reply.subject', { title: view.post.title });
  const why = t.t('mail.footer.why', { site: site.settings.title });
  const block = commentBlock(t, view.post, view.comment);
  return {
    subject,
    text: `${block.text}\n\n${footerText(t, view.links, why)}\n`,
    html: document(t, subject, h`${block.html}${footerHtml(t, site, view.links, why)}`),
  };
}

/** A new post, whole: its title, its text, and a link to it. */
export function renderNewPostMail(
  site: SiteView,
  view: { post: PostInMail; links: ReaderLinks },
): RenderedMail {
  const t = tr(site);
  const { post } = view;
  const subject = t.t('mail.post.subject', { title: post.title });
  const why = t.t('mail.footer.why', { site: site.settings.title });
  const text = [
    post.title,
    '='.repeat(Math.min(72, [...post.title].length)),
    '',
    mailText(post.html, post.url),
    '',
    `${t.t('mail.post.read')}: ${post.url}`,
    '',
    footerText(t, view.links, why),
    '',
  ].join('\n');
  const html = document(
    t,
    subject,
    h`<h1 style="font-size:1.6em;line-height:1.2"><a href="${post.url}" style="color:inherit">${post.title}</a></h1>
<div>${trusted(absolutizeHtml(post.html, post.url))}</div>
<p><a href="${post.url}">${t.t('mail.post.read')}</a></p>
${footerHtml(t, site, view.links, why)}`,
  );
  return { subject, text, html };
}

/** The writer's email about a new comment (a site setting): held ones too, so they can be moderated. */
export function renderWriterMail(
  site: SiteView,
  view: { post: { title: string; url: string }; comment: CommentInMail & { email: string }; held: boolean },
): RenderedMail {
  const t = tr(site);
  const subject = t.t('mail.writer.subject', { site: site.settings.title, title: view.post.title });
  const state = t.t(view.held ? 'mail.writer.held' : 'mail.writer.approved');
  const why = t.t('mail.writer.why');
  const block = commentBlock(t, view.post, view.comment);
  const from = `${view.comment.authorName} <${view.comment.email}>`;
  return {
    subject,
    text: `${block.text}\n\n${from}\n${state}\n\n${footerText(t, undefined, why)}\n`,
    html: document(
      t,
      subject,
      h`${block.html}<p>${from}<br>${state}</p>${footerHtml(t, site, undefined, why)}`,
    ),
  };
}
