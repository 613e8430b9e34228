import type { Kysely, Selectable } from 'kysely';
import type { TermRepository } from '../../core/ports/storage.ts';
import type { Taxonomy, Term } from '../../core/site/terms.ts';
import type { Database, TermsTable } from '../schema.ts';

export function toTerm(row: Selectable<TermsTable>): Term {
  return {
    id: row.id,
    taxonomy: row.taxonomy as Taxonomy,
    slug: row.slug,
    name: row.name,
    parentId: row.parent_id,
    description: row.description,
  };
}

export function termRepository(db: Kysely<Database>): TermRepository {
  const findBySlug = async (taxonomy: Taxonomy, slug: string) => {
    const row = await db
      .selectFrom('terms')
      .selectAll()
      .where('taxonomy', '=', taxonomy)
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row && toTerm(row);
  };

  return {
    async ensure(term) {
      // ON CONFLICT DO NOTHING rather than look-then-insert: two imports or requests ensuring the same
      // tag at once both end with the one row, and a PostgreSQL transaction is never aborted by it.
      // An existing term keeps its name and parent: the first writer defined it.
      await db
        .insertInto('terms')
        .values({
          taxonomy: term.taxonomy,
          slug: term.slug,
          name: term.name,
          parent_id: term.parentId,
          description: term.description,
        })
        .onConflict((oc) => oc.columns(['taxonomy', 'slug']).doNothing())
        .execute();
      const found = await findBySlug(term.taxonomy, term.slug);
      if (!found) throw new Error(`term ${term.taxonomy}/${term.slug} vanished after insert`);
      return found;
    },

    findBySlug,

    async list(taxonomy) {
      const rows = await db
        .selectFrom('terms')
        .selectAll()
        .where('taxonomy', '=', taxonomy)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(toTerm);
    },
  };
}
