import type { Repositories } from '../ports/storage.ts';

export const TAXONOMIES = ['tag', 'category'] as const;
export type Taxonomy = (typeof TAXONOMIES)[number];

/** A tag or a category. Categories nest through `parentId`; tags never do. */
export interface Term {
  id: number;
  taxonomy: Taxonomy;
  slug: string;
  name: string;
  parentId: number | null;
  description: string;
}

export type NewTerm = Omit<Term, 'id'>;

/**
 * The tag or category with this taxonomy and slug, created (with its `term.changed` event) when it
 * does not exist yet. Runs inside the caller's transaction.
 */
export async function ensureTerm(tx: Pick<Repositories, 'terms' | 'outbox'>, term: NewTerm): Promise<Term> {
  const existing = await tx.terms.findBySlug(term.taxonomy, term.slug);
  if (existing) return existing;
  const created = await tx.terms.ensure(term);
  await tx.outbox.add({
    type: 'term.changed',
    termId: created.id,
    taxonomy: created.taxonomy,
    before: null,
    after: { slug: created.slug, name: created.name },
  });
  return created;
}
