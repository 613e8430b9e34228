import type { Post } from './post.ts';

/**
 * The path a post lives at, from the site's permalink template (WordPress's structure tags:
 * `/:year/:month/:day/:slug/`). Pages always live at `/:slug/`. Computed when needed, never cached.
 */
export function postPath(post: Pick<Post, 'type' | 'slug' | 'publishedAt'>, template: string): string {
  if (post.type === 'page') return `/${encodeURIComponent(post.slug)}/`;
  const d = post.publishedAt;
  const parts: Record<string, string> = {
    year: String(d.getUTCFullYear()),
    month: String(d.getUTCMonth() + 1).padStart(2, '0'),
    day: String(d.getUTCDate()).padStart(2, '0'),
    slug: encodeURIComponent(post.slug),
    id: '',
  };
  return template.replace(/:(year|month|day|slug)/g, (_, key: string) => parts[key] ?? '');
}

/** The slug a path names under the template, or undefined when the path does not fit it. */
export function slugFromPath(path: string, template: string): string | undefined {
  const pattern = template
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/:(year)/g, '\\d{4}')
    .replace(/:(month|day)/g, '\\d{2}')
    .replace(/:slug/g, '([^/]+)');
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}
