import type { Storage } from '../ports/storage.ts';

/** A stored image and the resized copies made from it. Paths are keys in the blob store. */
export interface MediaVariant {
  path: string;
  width: number;
  height: number;
  mime: string;
}

export interface Media {
  id: number;
  path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  variants: MediaVariant[];
  createdAt: Date;
}

export type NewMedia = Omit<Media, 'id' | 'createdAt'>;

/** Records a stored image with its `media.created` event. */
export async function addMedia(deps: { storage: Storage }, media: NewMedia): Promise<Media> {
  return deps.storage.transaction(async (tx) => {
    const created = await tx.media.create(media);
    await tx.outbox.add({ type: 'media.created', mediaId: created.id });
    return created;
  });
}
