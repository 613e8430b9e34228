/**
 * For tests and the import benchmark: writes WordPress exports the way WordPress does (WXR 1.2,
 * CDATA fields, GMT and local dates), one piece at a time so a large file can be streamed to disk.
 */

export interface TestComment {
  id: number;
  parent?: number;
  author?: string;
  email?: string;
  url?: string;
  ip?: string;
  /** `YYYY-MM-DD HH:MM:SS`, GMT. */
  date: string;
  content: string;
  approved?: '1' | '0' | 'spam' | 'trash' | string;
  type?: '' | 'pingback' | 'trackback' | string;
}

export interface TestItem {
  id: number;
  title: string;
  content?: string;
  excerpt?: string;
  slug?: string;
  type?: string;
  status?: string;
  /** `YYYY-MM-DD HH:MM:SS`, GMT; '0000-00-00 00:00:00' for a draft's. */
  dateGmt: string;
  date?: string;
  link?: string;
  guid?: string;
  creator?: string;
  categories?: [slug: string, name: string][];
  tags?: [slug: string, name: string][];
  sticky?: boolean;
  password?: string;
  commentStatus?: 'open' | 'closed';
  parent?: number;
  attachmentUrl?: string;
  meta?: Record<string, string>;
  comments?: TestComment[];
}

export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The channel's head. `url` is the blog's address everywhere unless `siteUrl` (wp:base_site_url, the
 * network's address on a multisite) or `link` (the channel's link) say otherwise.
 */
export function wxrOpen(site: { title: string; url: string; siteUrl?: string; link?: string }): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>${xmlText(site.title)}</title>
<link>${xmlText(site.link ?? site.url)}</link>
<language>ru-RU</language>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>${xmlText(site.siteUrl ?? site.url)}</wp:base_site_url>
<wp:base_blog_url>${xmlText(site.url)}</wp:base_blog_url>
`;
}

export const wxrClose = '</channel>\n</rss>\n';

export function wxrAuthor(a: { id: number; login: string; email: string; name: string }): string {
  return `<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login><wp:author_email>${cdata(a.email)}</wp:author_email><wp:author_display_name>${cdata(a.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>\n`;
}

export function wxrCategory(id: number, slug: string, name: string, parent = ''): string {
  return `<wp:category><wp:term_id>${id}</wp:term_id><wp:category_nicename>${cdata(slug)}</wp:category_nicename><wp:category_parent>${cdata(parent)}</wp:category_parent><wp:cat_name>${cdata(name)}</wp:cat_name></wp:category>\n`;
}

export function wxrTag(id: number, slug: string, name: string): string {
  return `<wp:tag><wp:term_id>${id}</wp:term_id><wp:tag_slug>${cdata(slug)}</wp:tag_slug><wp:tag_name>${cdata(name)}</wp:tag_name></wp:tag>\n`;
}

function wxrComment(c: TestComment): string {
  return `<wp:comment>
<wp:comment_id>${c.id}</wp:comment_id>
<wp:comment_author>${cdata(c.author ?? 'Reader')}</wp:comment_author>
<wp:comment_author_email>${cdata(c.email ?? '')}</wp:comment_author_email>
<wp:comment_author_url>${xmlText(c.url ?? '')}</wp:comment_author_url>
<wp:comment_author_IP>${cdata(c.ip ?? '')}</wp:comment_author_IP>
<wp:comment_date>${cdata(c.date)}</wp:comment_date>
<wp:comment_date_gmt>${cdata(c.date)}</wp:comment_date_gmt>
<wp:comment_content>${cdata(c.content)}</wp:comment_content>
<wp:comment_approved>${cdata(c.approved ?? '1')}</wp:comment_approved>
<wp:comment_type>${cdata(c.type ?? '')}</wp:comment_type>
<wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id>
</wp:comment>
`;
}

export function wxrItem(item: TestItem): string {
  const terms = [
    ...(item.categories ?? []).map(
      ([slug, name]) => `<category domain="category" nicename="${xmlText(slug)}">${cdata(name)}</category>`,
    ),
    ...(item.tags ?? []).map(
      ([slug, name]) => `<category domain="post_tag" nicename="${xmlText(slug)}">${cdata(name)}</category>`,
    ),
  ].join('\n');
  const meta = Object.entries(item.meta ?? {})
    .map(
      ([k, v]) =>
        `<wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`,
    )
    .join('\n');
  return `<item>
<title>${xmlText(item.title)}</title>
<link>${xmlText(item.link ?? '')}</link>
<dc:creator>${cdata(item.creator ?? 'admin')}</dc:creator>
<guid isPermaLink="false">${xmlText(item.guid ?? '')}</guid>
<content:encoded>${cdata(item.content ?? '')}</content:encoded>
<excerpt:encoded>${cdata(item.excerpt ?? '')}</excerpt:encoded>
<wp:post_id>${item.id}</wp:post_id>
<wp:post_date>${cdata(item.date ?? item.dateGmt)}</wp:post_date>
<wp:post_date_gmt>${cdata(item.dateGmt)}</wp:post_date_gmt>
<wp:post_modified_gmt>${cdata(item.dateGmt)}</wp:post_modified_gmt>
<wp:comment_status>${cdata(item.commentStatus ?? 'open')}</wp:comment_status>
<wp:ping_status>${cdata('open')}</wp:ping_status>
<wp:post_name>${cdata(item.slug ?? '')}</wp:post_name>
<wp:status>${cdata(item.status ?? 'publish')}</wp:status>
<wp:post_parent>${item.parent ?? 0}</wp:post_parent>
<wp:menu_order>0</wp:menu_order>
<wp:post_type>${cdata(item.type ?? 'post')}</wp:post_type>
<wp:post_password>${cdata(item.password ?? '')}</wp:post_password>
<wp:is_sticky>${item.sticky ? 1 : 0}</wp:is_sticky>
${item.attachmentUrl ? `<wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>\n` : ''}${terms}
${meta}
${(item.comments ?? []).map(wxrComment).join('')}</item>
`;
}

/** An attachment: the uploaded file's URL, with its caption (the excerpt) and alt text. */
export function wxrAttachment(id: number, url: string, caption: string, alt: string): string {
  return wxrItem({
    id,
    title: url.split('/').pop() ?? '',
    type: 'attachment',
    status: 'inherit',
    dateGmt: '2019-05-01 00:00:00',
    excerpt: caption,
    link: url,
    attachmentUrl: url,
    meta: alt ? { _wp_attachment_image_alt: alt } : {},
  });
}
