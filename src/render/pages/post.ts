import { translator } from '../i18n/index.ts';
import { empty, firstParagraph, h, truncateWords, type Html } from '../html.ts';
import type { Translator } from '../i18n/index.ts';
import { discussion } from '../components/comments.ts';
import { layout } from '../components/layout.ts';
import { articleMeta } from '../components/social.ts';
import { featured, postBody, postHeader, postNav, postTerms, relatedPosts } from '../components/post.ts';
import type { PostPageView } from '../views.ts';

/** WordPress's post password form, which works without JavaScript. */
function passwordForm(locked: NonNullable<PostPageView['locked']>, t: Translator): Html {
  const id = `pwbox-${locked.postId}`;
  const error =
    locked.error === undefined
      ? empty
      : h`<p class="error" role="alert">${t.t(locked.error === 'wrong-password' ? 'post.passwordWrong' : 'post.passwordTooOften')}</p>`;
  return h`<form action="${locked.action}" class="post-password-form" method="post">
${error}<p>${t.t('post.protected')}</p>
<p><label for="${id}">${t.t('post.passwordLabel')}</label> <input name="post_password" id="${id}" type="password" spellcheck="false" size="20" autocomplete="current-password" required> <button type="submit">${t.t('post.passwordSubmit')}</button></p>
<input type="hidden" name="post_id" value="${locked.postId}">
</form>`;
}

/** A search result or a shared link shows about this much. */
const DESCRIPTION_CHARS = 160;

/** A post, its discussion and the comment form. Same view, same bytes: nothing here is per reader. */
export function renderPostPage(view: PostPageView): string {
  const { site, post: link } = view;
  const t = translator(site.settings.language, site.settings.timezone);
  const description = truncateWords(
    link.post.excerpt.trim() || firstParagraph(link.post.html),
    DESCRIPTION_CHARS,
  );
  const main = view.locked
    ? h`<article class="post">
${postHeader(link, t)}
${passwordForm(view.locked, t)}
${postTerms(link, t)}
</article>`
    : h`<article class="post">
${postHeader(link, t)}
${featured(link, t)}
${postBody(link)}
${postTerms(link, t)}
</article>
${postNav(view.previous, view.next, t)}
${relatedPosts(view.related, t)}
${discussion(view, t)}`;
  return layout({
    site,
    t,
    title: link.post.title,
    description,
    canonical: view.path,
    replyScript: view.form.open && !view.locked,
    links: h`<link rel="alternate" type="application/rss+xml" title="${t.t('feed.comments', { title: link.post.title })}" href="${view.path}feed/">\n${articleMeta(site, link, description)}`,
    main,
  });
}
