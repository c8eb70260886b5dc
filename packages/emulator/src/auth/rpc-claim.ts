// Both RPC signatures reduce to one claim: who signs, when, with which nonce and token, and a verifier.
// The checks that follow (key, token, clock, signature, replay) are then shared and run in one order.
import { rpcErrors } from '../errors.js';
import type { AccountStore, Credential } from '../state/accounts.js';
import { parseIsoSecond } from './encode.js';
import type { NonceCache } from './nonce-cache.js';

/** What a signed RPC request claims. */
export interface RpcClaim {
  readonly accessKeyId: string;
  readonly securityToken: string | undefined;
  readonly timestamp: string | undefined;
  readonly nonce: string | undefined;
  /** True when the request's signature matches under `secret`. */
  verify(secret: string): boolean;
}

/** Dependencies of the authenticator. */
export interface RpcAuthContext {
  readonly store: AccountStore;
  readonly nonces: NonceCache;
  readonly now: () => number;
  readonly clockSkewMs: number;
}

/**
 * Authenticates a claim. Order: key known → security token (STS keys) → timestamp present, well formed and
 * within the skew → nonce present → signature → nonce unused (recorded only once the signature is proven).
 */
export function authenticateRpc(claim: RpcClaim, ctx: RpcAuthContext): Credential {
  const credential = ctx.store.lookup(claim.accessKeyId);
  // Upload credentials are OSS-only: the RPC gateway does not know them.
  if (!credential || credential.kind === 'upload') throw rpcErrors.accessKeyNotFound();
  const now = ctx.now();
  if (credential.kind === 'sts') {
    if (!claim.securityToken) throw rpcErrors.missingSecurityToken();
    if (claim.securityToken !== credential.securityToken) throw rpcErrors.securityTokenMismatch();
    if ((credential.expiresAt ?? 0) <= now) throw rpcErrors.securityTokenExpired();
  }
  if (!claim.timestamp) throw rpcErrors.missingTimestamp();
  const at = parseIsoSecond(claim.timestamp);
  if (at === undefined) throw rpcErrors.timestampFormat();
  if (Math.abs(now - at) > ctx.clockSkewMs) throw rpcErrors.timestampExpired();
  if (!claim.nonce) throw rpcErrors.missingNonce();
  if (!claim.verify(credential.secret)) throw rpcErrors.signatureMismatch();
  if (!ctx.nonces.use(credential.accessKeyId, claim.nonce, now)) throw rpcErrors.nonceUsed();
  return credential;
}
