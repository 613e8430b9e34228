import type { WxrAuthor, WxrComment, WxrItem, WxrTerm } from './types.ts';
import { children, integer, raw, word, type XNode } from './tree.ts';

/**
 * WordPress writes `0000-00-00 00:00:00` as the GMT date of drafts and pending posts (the time is
 * only fixed on publication). We pass '' instead, so no caller can mistake it for a real instant.
 */
export function gmtDate(text: string): string {
  return /^0000-00-00( 00:00:00)?$/.test(text) ? '' : text;
}

/**
 * Key → value for postmeta, commentmeta and termmeta; a repeated key keeps its last value. A
 * null-prototype object, because the keys come from the file (`__proto__` is a valid meta key).
 */
function metaOf(node: XNode, local: string): Record<string, string> {
  const meta: Record<string, string> = Object.create(null);
  for (const entry of children(node, 'wp', local)) {
    const key = raw(entry, 'wp', 'meta_key');
    if (key !== '') meta[key] = raw(entry, 'wp', 'meta_value');
  }
  return meta;
}

export function toAuthor(node: XNode): WxrAuthor {
  return {
    id: integer(node, 'author_id'),
    login: word(node, 'wp', 'author_login'),
    email: word(node, 'wp', 'author_email'),
    displayName: raw(node, 'wp', 'author_display_name'),
    firstName: raw(node, 'wp', 'author_first_name'),
    lastName: raw(node, 'wp', 'author_last_name'),
  };
}

/** The three term shapes of WXR: `wp:category`, `wp:tag` (all versions) and `wp:term` (1.1+). */
export function toTerm(node: XNode): WxrTerm {
  const id = integer(node, 'term_id');
  const meta = metaOf(node, 'termmeta');
  if (node.local === 'category') {
    return {
      taxonomy: 'category',
      id,
      slug: word(node, 'wp', 'category_nicename'),
      name: raw(node, 'wp', 'cat_name'),
      parentSlug: word(node, 'wp', 'category_parent'),
      description: raw(node, 'wp', 'category_description'),
      meta,
    };
  }
  if (node.local === 'tag') {
    const slug = word(node, 'wp', 'tag_slug');
    const name = raw(node, 'wp', 'tag_name');
    return {
      taxonomy: 'post_tag',
      id,
      slug,
      name,
      parentSlug: '',
      description: raw(node, 'wp', 'tag_description'),
      meta,
    };
  }
  return {
    taxonomy: word(node, 'wp', 'term_taxonomy'),
    id,
    slug: word(node, 'wp', 'term_slug'),
    name: raw(node, 'wp', 'term_name'),
    parentSlug: word(node, 'wp', 'term_parent'),
    description: raw(node, 'wp', 'term_description'),
    meta,
  };
}

function toComment(node: XNode): WxrComment {
  return {
    id: integer(node, 'comment_id') ?? 0,
    parentId: integer(node, 'comment_parent') ?? 0,
    author: raw(node, 'wp', 'comment_author'),
    authorEmail: word(node, 'wp', 'comment_author_email'),
    authorUrl: word(node, 'wp', 'comment_author_url'),
    authorIp: word(node, 'wp', 'comment_author_IP'),
    dateGmt: gmtDate(word(node, 'wp', 'comment_date_gmt')),
    date: word(node, 'wp', 'comment_date'),
    content: raw(node, 'wp', 'comment_content'),
    approved: word(node, 'wp', 'comment_approved'),
    type: word(node, 'wp', 'comment_type'),
    userId: integer(node, 'comment_user_id') ?? 0,
    meta: metaOf(node, 'commentmeta'),
  };
}

/**
 * `<category domain="…" nicename="…">Name</category>`. WXR 1.0 wrote each category twice, once
 * without attributes; like WordPress we take only those with a nicename, and read its `tag` domain
 * as `post_tag`.
 */
function termsOf(item: XNode): WxrItem['terms'] {
  const terms: WxrItem['terms'] = [];
  const seen = new Set<string>();
  for (const node of children(item, 'rss', 'category')) {
    const slug = (node.attributes['nicename'] ?? '').trim();
    if (slug === '') continue;
    const domain = (node.attributes['domain'] ?? '').trim();
    const taxonomy = domain === '' ? 'category' : domain === 'tag' ? 'post_tag' : domain;
    const key = `${taxonomy}\0${slug}`;
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push({ taxonomy, slug, name: node.text });
  }
  return terms;
}

export function toItem(node: XNode): WxrItem {
  return {
    id: integer(node, 'post_id') ?? 0,
    title: raw(node, 'rss', 'title'),
    link: word(node, 'rss', 'link'),
    guid: word(node, 'rss', 'guid'),
    creator: word(node, 'dc', 'creator'),
    content: raw(node, 'content', 'encoded'),
    excerpt: raw(node, 'excerpt', 'encoded'),
    postDate: word(node, 'wp', 'post_date'),
    postDateGmt: gmtDate(word(node, 'wp', 'post_date_gmt')),
    postModifiedGmt: gmtDate(word(node, 'wp', 'post_modified_gmt')),
    commentStatus: word(node, 'wp', 'comment_status'),
    pingStatus: word(node, 'wp', 'ping_status'),
    postName: word(node, 'wp', 'post_name'),
    status: word(node, 'wp', 'status'),
    postParent: integer(node, 'post_parent') ?? 0,
    menuOrder: integer(node, 'menu_order') ?? 0,
    postType: word(node, 'wp', 'post_type'),
    postPassword: raw(node, 'wp', 'post_password'),
    isSticky: word(node, 'wp', 'is_sticky') === '1',
    attachmentUrl: word(node, 'wp', 'attachment_url'),
    terms: termsOf(node),
    meta: metaOf(node, 'postmeta'),
    comments: children(node, 'wp', 'comment').map(toComment),
  };
}
