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
