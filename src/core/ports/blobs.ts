/** Where uploaded files live: a folder under DATA_DIR by default, object storage later. */
export interface BlobStore {
  put(key: string, data: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
}

export class MemoryBlobStore implements BlobStore {
  readonly files = new Map<string, Uint8Array>();
  async put(key: string, data: Uint8Array): Promise<void> {
    this.files.set(key, data);
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    return this.files.get(key);
  }
}
