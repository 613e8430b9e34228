import { translator } from '../i18n/index.ts';
import { firstParagraph, h, truncateWords } from '../html.ts';
import { discussion } from '../components/comments.ts';
import { layout } from '../components/layout.ts';
import { articleMeta } from '../components/social.ts';
import { featured, postBody, postHeader, postNav, postTerms, relatedPosts } from '../components/post.ts';
import type { PostPageView } from '../views.ts';

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
  const main = h`<article class="post">
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
    replyScript: view.form.open,
    links: h`<link rel="alternate" type="application/rss+xml" title="${t.t('feed.comments', { title: link.post.title })}" href="${view.path}feed/">\n${articleMeta(site, link, description)}`,
    main,
  });
}
