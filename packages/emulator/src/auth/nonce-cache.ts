// Replay protection: a signature nonce may be used once per AccessKey while its timestamp could still be valid.
/** Remembers nonces until they could no longer pass the clock-skew check anyway. */
export interface NonceCache {
  /** Records the nonce; false when it was already used. */
  use(accessKeyId: string, nonce: string, at: number): boolean;
}

/** Creates a cache whose entries live `ttlMs` (twice the skew window covers every acceptable timestamp). */
export function createNonceCache(ttlMs: number): NonceCache {
  const seen = new Map<string, number>();
  let sinceSweep = 0;
  return {
    use(accessKeyId, nonce, at) {
      if (++sinceSweep >= 1000) {
        sinceSweep = 0;
        for (const [k, expiry] of seen) if (expiry <= at) seen.delete(k);
      }
      const key = `${accessKeyId}\u0000${nonce}`;
      const expiry = seen.get(key);
      if (expiry !== undefined && expiry > at) return false;
      seen.set(key, at + ttlMs);
      return true;
    },
  };
}
