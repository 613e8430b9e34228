import type { NewMedia } from '../site/media.ts';

/** Keeps an uploaded image: metadata (EXIF, GPS) stripped, resized copies made, files stored. */
export interface ImageLibrary {
  store(bytes: Uint8Array, filename: string, now: Date): Promise<NewMedia>;
}

export class ImageRejected extends Error {}
