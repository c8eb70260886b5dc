// The legacy RPC signature (`signatureAlgorithm: 'v2'` in the SDK): every parameter, sorted and percent-encoded,
// signed with HMAC-SHA1 under `secret + "&"`, and sent as the `Signature` parameter. Headers are not signed.
import { createHmac } from 'node:crypto';
import { rpcErrors } from '../errors.js';
import type { RpcRequest } from '../rpc/request.js';
import { percentEncode, sameSignature } from './encode.js';
import type { RpcClaim } from './rpc-claim.js';

/** Reads a v1-signed request into a claim the shared authenticator can check. */
export function readRpcV1Claim(req: RpcRequest): RpcClaim {
  const accessKeyId = req.params.get('AccessKeyId');
  if (!accessKeyId) throw rpcErrors.missingAccessKeyId();
  const signature = req.params.get('Signature');
  if (!signature) throw rpcErrors.missingSignature();
  const method = req.params.get('SignatureMethod');
  if (method !== 'HMAC-SHA1') {
    throw rpcErrors.incompleteSignature(`SignatureMethod must be HMAC-SHA1, got "${method ?? ''}"`);
  }
  const version = req.params.get('SignatureVersion');
  if (version !== '1.0') throw rpcErrors.incompleteSignature(`SignatureVersion must be 1.0, got "${version ?? ''}"`);
  // Only parameters are signed here, so what picks the operation must be a parameter, not the x-acs-* headers.
  for (const name of ['Action', 'Version', 'Format']) {
    if (!req.params.get(name)) throw rpcErrors.missingParameter(name);
  }
  // The service answers XML without Format=JSON; the emulator speaks JSON only, so it refuses rather than lie.
  if (req.params.get('Format')?.toUpperCase() !== 'JSON') {
    throw rpcErrors.invalidParameter('Format', 'the emulator answers in JSON only; send Format=JSON.');
  }

  const pairs = [...req.queryPairs, ...req.bodyPairs].filter(([k]) => k !== 'Signature');
  const canonicalized = pairs
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const stringToSign = `${req.method}&${percentEncode('/')}&${percentEncode(canonicalized)}`;

  return {
    accessKeyId,
    securityToken: req.params.get('SecurityToken'),
    timestamp: req.params.get('Timestamp'),
    nonce: req.params.get('SignatureNonce'),
    verify(secret) {
      const expected = createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
      return sameSignature(expected, signature);
    },
  };
}
