import { escapeText } from './xml.ts';

/** Sitemaps (sitemaps.org 0.9): an index of files, each of at most 50,000 URLs with their dates. */
export const SITEMAP_LIMIT = 50_000;

export interface SitemapUrl {
  /** Absolute URL. */
  loc: string;
  lastmod?: Date;
}

const entry = (tag: 'url' | 'sitemap', u: SitemapUrl): string =>
  `<${tag}><loc>${escapeText(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString()}</lastmod>` : ''}</${tag}>`;

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export function renderSitemapIndex(sitemaps: SitemapUrl[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${XMLNS}">\n${sitemaps.map((s) => entry('sitemap', s)).join('\n')}\n</sitemapindex>\n`;
}

export function renderUrlSet(urls: SitemapUrl[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${XMLNS}">\n${urls.map((u) => entry('url', u)).join('\n')}\n</urlset>\n`;
}

export function renderRobots(baseUrl: string): string {
  return [
    'User-agent: *',
    // The admin and the comment endpoint are not pages; everything a reader sees may be crawled.
    'Disallow: /admin/',
    'Disallow: /comments',
    'Disallow: /*?replytocom=',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
