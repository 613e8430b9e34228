/**
 * A URL-safe slug that keeps letters of every script (WordPress does the same, percent-encoding them
 * in links): a Russian title gets a Russian slug rather than an empty or transliterated one.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’"`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 190);
}

export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 190 && slugify(slug) === slug;
}
