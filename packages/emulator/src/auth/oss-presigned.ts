// OSS query-string signatures (V1) for the GET URLs GeneratePresignedUrl hands out:
// `?OSSAccessKeyId=<id>&Expires=<epoch seconds>&Signature=<base64 HMAC-SHA1>` over
// `GET\n\n\n<Expires>\n/<bucket>/<key>`. The emulator signs with a key of the service itself (the agreement bucket
// belongs to ChatApp, not to the ISV), made per emulator instance and known to nothing else, so the only valid
// query-signed requests are URLs the emulator issued, used before they expire, for the verb they were signed for.
import { createHmac } from 'node:crypto';
import { ossErrors, ServiceError } from '../errors.js';
import { randomAlnum } from '../state/accounts.js';
import type { OssRequest } from '../oss/request.js';
import { sameSignature } from './encode.js';

/** The service's own URL-signing key. */
export interface PresignKey {
  readonly accessKeyId: string;
  readonly secret: string;
}

const PARAMS = ['OSSAccessKeyId', 'Expires', 'Signature'] as const;

/** A fresh signing key for one emulator instance. */
export function createPresignKey(): PresignKey {
  return { accessKeyId: `EMUOSS${randomAlnum(18)}`, secret: randomAlnum(40) };
}

function sign(key: PresignKey, verb: string, expires: string, bucket: string, objectKey: string): string {
  const stringToSign = `${verb}\n\n\n${expires}\n/${bucket}/${objectKey}`;
  return createHmac('sha1', key.secret).update(stringToSign, 'utf8').digest('base64');
}

/** A path-style GET URL on `endpoint` for `bucket/objectKey`, valid until `expiresAt` (epoch seconds). */
export function presignGetUrl(
  endpoint: string,
  bucket: string,
  objectKey: string,
  key: PresignKey,
  expiresAt: number,
): string {
  const expires = String(expiresAt);
  const path = objectKey.split('/').map(encodeURIComponent).join('/');
  const query = new URLSearchParams({
    OSSAccessKeyId: key.accessKeyId,
    Expires: expires,
    Signature: sign(key, 'GET', expires, bucket, objectKey),
  });
  return `${endpoint}/${encodeURIComponent(bucket)}/${path}?${query.toString()}`;
}

/** Whether a request carries a query-string signature (any of its three parameters). */
export function isPresigned(req: Pick<OssRequest, 'query'>): boolean {
  return req.query.some(([name]) => (PARAMS as readonly string[]).includes(name));
}

/**
 * Checks a query-signed request: exactly the three parameters, the service's key, a whole-number `Expires` not
 * in the past, then the signature over the request's own verb, bucket and key. Throws the OSS refusal.
 */
export function verifyPresigned(req: OssRequest, key: PresignKey, now: number): void {
  const values = new Map(req.query);
  if (req.query.length !== PARAMS.length || !PARAMS.every((name) => typeof values.get(name) === 'string')) {
    throw ossErrors.accessDenied('A presigned URL carries exactly OSSAccessKeyId, Expires and Signature.');
  }
  if (values.get('OSSAccessKeyId') !== key.accessKeyId) throw ossErrors.invalidAccessKeyId();
  const expires = values.get('Expires') ?? '';
  if (!/^\d{1,12}$/.test(expires)) throw ossErrors.invalidArgument('Expires must be a whole number of seconds.');
  if (Number(expires) * 1000 < now) {
    throw new ServiceError('AccessDenied', 403, 'Request has expired.', {}, '0002-00000069');
  }
  const expected = sign(key, req.method, expires, req.bucket, req.key);
  if (!sameSignature(expected, values.get('Signature') ?? '')) throw ossErrors.signatureMismatch();
}
