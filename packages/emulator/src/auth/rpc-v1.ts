// The legacy RPC signature (`signatureAlgorithm: 'v2'` in the SDK): every parameter, sorted and percent-encoded,
// signed with HMAC-SHA1 under `secret + "&"`, and sent as the `Signature` parameter.
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
