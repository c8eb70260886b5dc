// The OSS side's storage: whole objects in memory, keyed by bucket and key, with the digests clients check.
import { createHash } from 'node:crypto';
import type { StoredObjectInfo } from '../types.js';

/** A stored object with its body. */
export interface StoredObject extends StoredObjectInfo {
  readonly body: Buffer;
  readonly contentType: string;
  /** Upper-case hex MD5, quoted, as OSS returns it in `ETag`. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** In-memory object storage. */
export interface ObjectStore {
  put(bucket: string, key: string, body: Buffer, contentType: string, at: number): StoredObject;
  get(bucket: string, key: string): StoredObject | undefined;
  list(): StoredObjectInfo[];
}

/** Creates an empty store. */
export function createObjectStore(): ObjectStore {
  const objects = new Map<string, StoredObject>();
  const id = (bucket: string, key: string) => `${bucket}/${key}`;
  return {
    put(bucket, key, body, contentType, at) {
      const md5 = createHash('md5').update(body).digest();
      const object: StoredObject = {
        bucket,
        key,
        size: body.length,
        contentMd5: md5.toString('base64'),
        sha256: createHash('sha256').update(body).digest('hex'),
        body,
        contentType,
        etag: `"${md5.toString('hex').toUpperCase()}"`,
        lastModified: new Date(at),
      };
      objects.set(id(bucket, key), object);
      return object;
    },
    get: (bucket, key) => objects.get(id(bucket, key)),
    list: () =>
      [...objects.values()].map(({ bucket, key, size, contentMd5, sha256 }) => ({
        bucket,
        key,
        size,
        contentMd5,
        sha256,
      })),
  };
}
