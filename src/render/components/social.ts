import type { Language } from '../../core/site/settings.ts';
import { empty, h, trusted, type Html } from '../html.ts';
import type { PostLink, SiteView } from '../views.ts';
import { mediaUrl } from './image.ts';

/**
 * What a messenger or a social network shows for a shared link: Open Graph and Twitter card tags,
 * and schema.org JSON-LD for search engines. Every URL is absolute; nothing here is fetched.
 */
const LOCALES: Record<Language, string> = { en: 'en_US', ru: 'ru_RU', kk: 'kk_KZ' };

/** JSON inside <script>: `<`, `>`, `&` and the two JS line separators cannot end the element or the string. */
function jsonLd(data: Record<string, unknown>): Html {
  const json = JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return trusted(`<script type="application/ld+json">${json}</script>`);
}

/** The largest stored rendition that is still a reasonable preview (the shared card is ~1200 px wide). */
function previewImage(
  link: PostLink,
): { path: string; width: number; height: number; mime: string } | undefined {
  const media = link.image;
  if (!media) return undefined;
  const fitting = media.variants.filter((v) => v.width <= 1600);
  return fitting.sort((a, b) => b.width - a.width)[0] ?? media;
}

export function articleMeta(site: SiteView, link: PostLink, description: string): Html {
  const { baseUrl, settings } = site;
  const { post, author } = link;
  const url = `${baseUrl}${link.url}`;
  const image = previewImage(link);
  const imageUrl = image && `${baseUrl}${mediaUrl(image.path)}`;
  const alt = post.image?.alt ?? '';
  const authorUrl = author && `${baseUrl}/author/${encodeURIComponent(author.login)}/`;
  const tags = link.terms.filter((term) => term.taxonomy === 'tag');
  const isPost = post.type === 'post';
  return h`<meta property="og:type" content="${isPost ? 'article' : 'website'}">
<meta property="og:site_name" content="${settings.title}">
<meta property="og:locale" content="${LOCALES[settings.language]}">
<meta property="og:title" content="${post.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
${
  image && imageUrl
    ? h`<meta property="og:image" content="${imageUrl}">
<meta property="og:image:type" content="${image.mime}">
<meta property="og:image:width" content="${image.width}">
<meta property="og:image:height" content="${image.height}">
<meta property="og:image:alt" content="${alt}">
`
    : empty
}${
    isPost
      ? h`<meta property="article:published_time" content="${post.publishedAt.toISOString()}">
<meta property="article:modified_time" content="${post.updatedAt.toISOString()}">
${authorUrl ? h`<meta property="article:author" content="${authorUrl}">\n` : empty}${tags.map((tag) => h`<meta property="article:tag" content="${tag.name}">\n`)}`
      : empty
  }<meta name="twitter:card" content="${imageUrl ? 'summary_large_image' : 'summary'}">
<meta name="twitter:title" content="${post.title}">
<meta name="twitter:description" content="${description}">
${imageUrl ? h`<meta name="twitter:image" content="${imageUrl}">\n<meta name="twitter:image:alt" content="${alt}">\n` : empty}${jsonLd(
    {
      '@context': 'https://schema.org',
      '@type': isPost ? 'BlogPosting' : 'WebPage',
      headline: post.title,
      description,
      url,
      mainEntityOfPage: url,
      inLanguage: settings.language,
      datePublished: post.publishedAt.toISOString(),
      dateModified: post.updatedAt.toISOString(),
      ...(image && imageUrl
        ? { image: { '@type': 'ImageObject', url: imageUrl, width: image.width, height: image.height } }
        : {}),
      ...(author ? { author: { '@type': 'Person', name: author.displayName, url: authorUrl } } : {}),
      ...(tags.length ? { keywords: tags.map((tag) => tag.name).join(', ') } : {}),
      publisher: { '@type': 'Organization', name: settings.title, url: `${baseUrl}/` },
    },
  )}
`;
}

export function blogMeta(site: SiteView, description: string): Html {
  const { baseUrl, settings } = site;
  return h`<meta property="og:type" content="website">
<meta property="og:site_name" content="${settings.title}">
<meta property="og:locale" content="${LOCALES[settings.language]}">
<meta property="og:title" content="${settings.title}">
${description ? h`<meta property="og:description" content="${description}">\n` : empty}<meta property="og:url" content="${baseUrl}/">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${settings.title}">
${jsonLd({
  '@context': 'https://schema.org',
  '@type': 'Blog',
  name: settings.title,
  ...(description ? { description } : {}),
  url: `${baseUrl}/`,
  inLanguage: settings.language,
})}
`;
}
