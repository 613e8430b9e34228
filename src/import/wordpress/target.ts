import { readFile } from 'node:fs/promises';
import {
  writeImportBatch,
  writeImportedMedia,
  writeImportedPeople,
  type ImportBatch,
  type ImportedAuthor,
  type ImportedTerm,
} from '../../core/imports/batch.ts';
import { writeOldAddresses } from '../../core/imports/old-addresses.ts';
import type { Clock } from '../../core/ports/clock.ts';
import { ImageRejected, type ImageLibrary } from '../../core/ports/images.ts';
import type { Redirect, Storage } from '../../core/ports/storage.ts';

/**
 * Where an import's writes go. The importer reads the export and the site, converts, and hands
 * each batch to a target: the site (through the core's import use cases), or, in a dry run, a
 * target that writes nothing and answers with ids that can never be rows (negative). A dry run is
 * the same pass with a different target, not a flag the write path checks, and never locks the site.
 */
export interface ImportTarget {
  /** Ids of the authors (by position) and terms (by position). */
  people(
    source: string,
    authors: ImportedAuthor[],
    terms: ImportedTerm[],
  ): Promise<{ userIds: number[]; termIds: number[] }>;
  /** An attachment's file into the media library: its media id and path, or why not. */
  media(
    source: string,
    attachmentId: number,
    file: { path: string; upload: string },
  ): Promise<{ mediaId: number; path: string } | { reason: string }>;
  /** Post ids in the order of `batch.posts`. */
  batch(batch: ImportBatch): Promise<number[]>;
  /** The path the old blog lived under ('' at the root) and its old addresses that are not posts'. */
  oldAddresses(source: string, prefix: string, redirects: Redirect[]): Promise<void>;
}

export function siteTarget(deps: { storage: Storage; images: ImageLibrary; clock: Clock }): ImportTarget {
  return {
    people: (source, authors, terms) => writeImportedPeople(deps.storage, source, authors, terms),
    async media(source, attachmentId, file) {
      let stored;
      try {
        stored = await deps.images.store(
          await readFile(file.path),
          file.upload.split('/').pop()!,
          deps.clock.now(),
        );
      } catch (error) {
        if (error instanceof ImageRejected) return { reason: 'not an image the media library takes' };
        throw error;
      }
      const mediaId = await writeImportedMedia(deps.storage, source, String(attachmentId), stored);
      return { mediaId, path: stored.path };
    },
    batch: async (batch) => (await writeImportBatch(deps.storage, batch)).postIds,
    oldAddresses: (source, prefix, redirects) => writeOldAddresses(deps.storage, source, prefix, redirects),
  };
}

/** Writes nothing. What would be matched keeps its id; what would be created gets a negative one. */
export function dryRunTarget(storage: Storage): ImportTarget {
  let last = 0;
  const next = () => --last;
  return {
    async people(_source, authors, terms) {
      const userIds = authors.map((a) => ('userId' in a ? a.userId : next()));
      const termIds: number[] = [];
      for (const { term } of terms)
        termIds.push((await storage.terms.findBySlug(term.taxonomy, term.slug))?.id ?? next());
      return { userIds, termIds };
    },
    media: async (_source, _attachmentId, file) => ({ mediaId: next(), path: file.upload }),
    batch: async (batch) => batch.posts.map(() => next()),
    oldAddresses: async () => {},
  };
}
