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
