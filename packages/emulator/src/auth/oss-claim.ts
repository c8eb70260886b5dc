// Both OSS header signatures reduce to one claim; the checks that follow are shared and run in one order:
// key known → security token (temporary keys) → expiry → clock skew → signature.
import { ossErrors } from '../errors.js';
import type { AccountStore, Credential } from '../state/accounts.js';
import { ossHeader, type OssRequest } from '../oss/request.js';
import { readOssV1Claim } from './oss-v1.js';
import { readOssV4Claim } from './oss-v4.js';

/** What a signed OSS request claims. */
export interface OssClaim {
  readonly accessKeyId: string;
  /** Epoch ms of the signed date (NaN when unparseable). */
  readonly date: number;
  verify(secret: string): boolean;
}

/** Authenticates an OSS request; anonymous requests are refused because the bucket is private. */
export function authenticateOss(req: OssRequest, store: AccountStore, now: number, clockSkewMs: number): Credential {
  const authorization = ossHeader(req, 'authorization');
  if (authorization === undefined) {
    throw ossErrors.accessDenied('You have no right to access this object because of bucket acl (anonymous request).');
  }
  let claim: OssClaim;
  if (authorization.startsWith('OSS4-HMAC-SHA256 ')) claim = readOssV4Claim(req, authorization);
  else if (authorization.startsWith('OSS ')) claim = readOssV1Claim(req, authorization);
  else throw ossErrors.invalidArgument('Authorization must use OSS or OSS4-HMAC-SHA256.');

  const credential = store.lookup(claim.accessKeyId);
  if (!credential) throw ossErrors.invalidAccessKeyId();
  const token = ossHeader(req, 'x-oss-security-token');
  if (credential.kind === 'account') {
    if (token !== undefined)
      throw ossErrors.invalidAccessKeyId('A security token was sent with a permanent AccessKey ID.');
  } else {
    if (token === undefined)
      throw ossErrors.invalidAccessKeyId('A temporary AccessKey ID needs the x-oss-security-token header.');
    if (token !== credential.securityToken) throw ossErrors.invalidSecurityToken();
    if ((credential.expiresAt ?? 0) <= now) throw ossErrors.securityTokenExpired();
  }
  if (Number.isNaN(claim.date)) throw ossErrors.accessDenied('The request has no valid Date or x-oss-date header.');
  if (Math.abs(now - claim.date) > clockSkewMs) throw ossErrors.timeSkewed();
  if (!claim.verify(credential.secret)) throw ossErrors.signatureMismatch();
  return credential;
}
