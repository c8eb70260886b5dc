// Upload authorizations are reusable until they expire, and a burst of uploads for one customer should cost one
// GetChatappUploadAuthorization call, not one each (that call shares the 5/s quota). So they are cached per
// account and space, concurrent requests share one in-flight fetch, and an entry is dropped shortly before it
// expires: 60 s early, or a fifth of its lifetime for short-lived ones, so an upload never starts on a token that
// is about to lapse. The cache belongs to one client instance (no process-wide state).
import type { ClientContext } from './context.js';
import { fetchUploadAuthorization, type UploadAuthorization } from './operations/get-upload-authorization.js';

/** Per-client cache of upload authorizations. */
export interface AuthorizationCache {
  /** A valid authorization for the space: cached, in flight, or freshly fetched when `refresh` is set. */
  get(ctx: ClientContext, custSpaceId: string, refresh?: boolean): Promise<UploadAuthorization>;
  /**
   * A replacement for `stale`, which OSS refused as expired: fetched once however many uploads report the same
   * stale authorization concurrently.
   */
  replace(ctx: ClientContext, stale: UploadAuthorization): Promise<UploadAuthorization>;
  /** How many spaces have an entry (fresh or in flight). */
  size(): number;
}

/** How long before expiry an authorization stops being handed out. */
export function refreshMarginMs(expireSeconds: number): number {
  return Math.min(60_000, (expireSeconds * 1000) / 5);
}

interface Entry {
  pending: Promise<UploadAuthorization>;
  auth?: UploadAuthorization;
}

function isFresh(auth: UploadAuthorization): boolean {
  return Date.now() < auth.expiresAt - refreshMarginMs(auth.expireSeconds);
}

/** Creates an empty authorization cache. */
export function createAuthorizationCache(): AuthorizationCache {
  const entries = new Map<string, Entry>();

  async function keyOf(ctx: ClientContext, custSpaceId: string): Promise<string> {
    const { accessKeyId } = await ctx.credentials();
    return `${accessKeyId}#${custSpaceId}`;
  }

  function fetchInto(ctx: ClientContext, key: string, custSpaceId: string): Promise<UploadAuthorization> {
    // Entries past their refresh point are never handed out again: drop them, secrets and all, as new ones come in.
    for (const [other, existing] of entries) {
      if (existing.auth !== undefined && !isFresh(existing.auth)) entries.delete(other);
    }
    const entry: Entry = { pending: fetchUploadAuthorization(ctx, custSpaceId) };
    entries.set(key, entry);
    entry.pending.then(
      (auth) => {
        entry.auth = auth;
        ctx.secrets.remember(auth.accessKeySecret, auth.securityToken);
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.pending;
  }

  // A caller that joins a fetch in flight shares its outcome, failure included: if it fails (no subscription, no
  // permission, retries spent), every caller waiting on it gets that error instead of each starting a fetch of its
  // own, which would turn one failure into N sequential calls against the quota. The next call fetches afresh.
  return {
    async get(ctx, custSpaceId, refresh = false) {
      const key = await keyOf(ctx, custSpaceId);
      const entry = entries.get(key);
      if (!refresh && entry !== undefined && (entry.auth === undefined || isFresh(entry.auth))) {
        const auth = await entry.pending;
        if (isFresh(auth)) return auth;
        return this.get(ctx, custSpaceId);
      }
      return fetchInto(ctx, key, custSpaceId);
    },
    async replace(ctx, stale) {
      const key = await keyOf(ctx, stale.custSpaceId);
      const entry = entries.get(key);
      if (entry !== undefined && entry.auth !== stale) {
        const current = await entry.pending;
        if (current !== stale) return current;
      }
      return fetchInto(ctx, key, stale.custSpaceId);
    },
    size: () => entries.size,
  };
}
