// ACS3-HMAC-SHA256, the default signature of @alicloud/openapi-client: a canonical request over method, path,
// sorted query, the signed headers and the payload hash, HMAC-SHA256'd with the AccessKey secret.
import { createHash, createHmac } from 'node:crypto';
import { rpcErrors } from '../errors.js';
import { header, type RpcRequest } from '../rpc/request.js';
import { percentEncode, sameSignature } from './encode.js';
import type { RpcClaim } from './rpc-claim.js';

const ALGORITHM = 'ACS3-HMAC-SHA256';

/** Splits `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` into its fields. */
function parseAuthorization(value: string): { credential: string; signedHeaders: string[]; signature: string } {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) throw rpcErrors.incompleteSignature(`unsupported signature algorithm "${algorithm}"`);
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    throw rpcErrors.incompleteSignature('the Authorization header needs Credential, SignedHeaders and Signature');
  }
  return { credential, signedHeaders: signedHeaders.split(';'), signature: signature.toLowerCase() };
}

/** Canonical query: pairs sorted by key, then value; key and value percent-encoded. */
function canonicalQuery(req: RpcRequest): string {
  return [...req.queryPairs]
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}

/**
 * Headers every ACS3 request must send and sign: together they pin the action, the time and the body. Source: the
 * V3 signature documentation lists them as the common request headers (x-acs-content-sha256 is what ties the body
 * to the signature).
 */
const REQUIRED_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
] as const;

/**
 * SignedHeaders must be lower-case names of headers that were sent, and must cover `host` and every `x-acs-*`
 * header sent (the V3 documentation: every common request header present except Authorization must be signed).
 * `content-type` may be signed (the documentation's canonical-header filter admits x-acs-*, host and content-type)
 * but is not a common request header, so an unsigned one is accepted: aiohttp, under the Python SDKs' async path,
 * adds `Content-Type: application/octet-stream` to body-less requests after signing. One strictness choice beyond
 * the documentation: a request with a body must sign its content-type, which decides whether the body is read as
 * parameters. No official client sends a body without signing it.
 */
function requireSignedHeaders(req: RpcRequest, signedHeaders: readonly string[]): void {
  if (signedHeaders.some((h) => h === '' || h !== h.toLowerCase())) {
    throw rpcErrors.incompleteSignature('SignedHeaders must be lower-case header names');
  }
  for (const name of REQUIRED_HEADERS) {
    // An absent date or nonce is left to the authenticator, which answers MissingTimestamp / MissingSignatureNonce.
    if (req.headers[name] !== undefined || name === 'x-acs-date' || name === 'x-acs-signature-nonce') continue;
    throw rpcErrors.incompleteSignature(`the ${name} header is required`);
  }
  const signed = new Set(signedHeaders);
  for (const name of Object.keys(req.headers)) {
    const mustSign = name.startsWith('x-acs-') || name === 'host' || (name === 'content-type' && req.body.length > 0);
    if (mustSign && !signed.has(name)) throw rpcErrors.incompleteSignature(`header ${name} is sent but not signed`);
  }
  for (const name of signedHeaders) {
    if (req.headers[name] === undefined) throw rpcErrors.incompleteSignature(`signed header ${name} is missing`);
  }
}

/** Reads an ACS3-signed request into a claim the shared authenticator can check. */
export function readAcs3Claim(req: RpcRequest, rawPath: string): RpcClaim {
  const authorization = header(req, 'authorization');
  if (authorization === undefined) throw rpcErrors.incompleteSignature('the Authorization header is missing');
  const { credential, signedHeaders, signature } = parseAuthorization(authorization);

  requireSignedHeaders(req, signedHeaders);
  const declaredHash = header(req, 'x-acs-content-sha256') ?? '';
  const keyHeader = header(req, 'x-acs-accesskey-id');
  if (keyHeader !== undefined && keyHeader !== credential) {
    throw rpcErrors.incompleteSignature('the x-acs-accesskey-id header does not name the Credential of the signature');
  }

  const bodyHash = createHash('sha256').update(req.body).digest('hex');
  const canonicalHeaders = [...signedHeaders]
    .sort()
    .map((name) => `${name}:${(req.headers[name] ?? []).map((v) => v.trim()).join(',')}\n`)
    .join('');
  const canonicalRequest = [
    req.method,
    rawPath,
    canonicalQuery(req),
    canonicalHeaders,
    signedHeaders.join(';'),
    declaredHash,
  ].join('\n');
  const stringToSign = `${ALGORITHM}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;

  return {
    accessKeyId: credential,
    securityToken: header(req, 'x-acs-security-token'),
    timestamp: header(req, 'x-acs-date'),
    nonce: header(req, 'x-acs-signature-nonce'),
    verify(secret) {
      const expected = createHmac('sha256', secret).update(stringToSign).digest('hex');
      if (!sameSignature(expected, signature)) return false;
      if (declaredHash.toLowerCase() !== bodyHash) return false;
      return true;
    },
  };
}
