/**
 * For tests only: counts what a WXR file holds with plain regular expressions over its text, a way
 * of reading it that shares nothing with the reader, so the two can check each other. Good enough
 * for the fixtures (no `<item>` inside CDATA, `wp:` always bound to the WordPress namespace).
 */

export interface FileCounts {
  /** post_type → number of items. */
  itemsByType: Record<string, number>;
  items: number;
  /** One entry per `<wp:comment>`: its id, its parent's id and its type. */
  comments: { postId: number; id: number; parentId: number; type: string; approved: string }[];
  authors: string[];
  /** `taxonomy\0slug` → parent slug, for `wp:category`, `wp:tag` and `wp:term`, first one wins. */
  terms: Map<string, string>;
}

function unwrap(text: string): string {
  return text.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
}

export function field(block: string, name: string): string {
  const match = new RegExp(`<wp:${name}>([\\s\\S]*?)</wp:${name}>`).exec(block);
  return match ? unwrap(match[1] ?? '').trim() : '';
}

function blocks(text: string, name: string): string[] {
  return [...text.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1] ?? '');
}

function termKey(taxonomy: string, slug: string): string {
  return `${taxonomy}\0${slug}`;
}

function countTerms(text: string): Map<string, string> {
  const terms = new Map<string, string>();
  const add = (taxonomy: string, slug: string, parent: string) => {
    if (!terms.has(termKey(taxonomy, slug))) terms.set(termKey(taxonomy, slug), parent);
  };
  for (const b of blocks(text, 'wp:category'))
    add('category', field(b, 'category_nicename'), field(b, 'category_parent'));
  for (const b of blocks(text, 'wp:tag')) add('post_tag', field(b, 'tag_slug'), '');
  for (const b of blocks(text, 'wp:term'))
    add(field(b, 'term_taxonomy'), field(b, 'term_slug'), field(b, 'term_parent'));
  return terms;
}

export function countFile(text: string): FileCounts {
  const itemsByType: Record<string, number> = {};
  const comments: FileCounts['comments'] = [];
  const items = blocks(text, 'item');
  for (const item of items) {
    const type = field(item, 'post_type');
    itemsByType[type] = (itemsByType[type] ?? 0) + 1;
    for (const c of blocks(item, 'wp:comment')) {
      comments.push({
        postId: Number(field(item, 'post_id')),
        id: Number(field(c, 'comment_id')),
        parentId: Number(field(c, 'comment_parent') || 0),
        type: field(c, 'comment_type'),
        approved: field(c, 'comment_approved'),
      });
    }
  }
  const authors = blocks(text, 'wp:author').map((b) => field(b, 'author_login'));
  return { itemsByType, items: items.length, comments, authors, terms: countTerms(text) };
}
