// OSS header signature V4 (`authorizationV4: true` in ali-oss): OSS4-HMAC-SHA256 over a canonical request, with
// a signing key derived from the secret, the day, the region named in the credential scope and "oss". The scope's
// region must match the Host's, and x-oss-content-sha256 must be sent, as OSS requires.
import { createHash, createHmac } from 'node:crypto';
import { ossErrors } from '../errors.js';
import { ossHeader, type OssRequest } from '../oss/request.js';
import { percentEncode, sameSignature } from './encode.js';
import type { OssClaim } from './oss-claim.js';

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** Reads `OSS4-HMAC-SHA256 Credential=…,[AdditionalHeaders=…,]Signature=…` into a claim. */
export function readOssV4Claim(req: OssRequest, authorization: string): OssClaim {
  const fields = new Map<string, string>();
  for (const part of authorization.slice('OSS4-HMAC-SHA256 '.length).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signature = fields.get('Signature');
  const scope = credential?.split('/');
  if (!scope || scope.length !== 5 || !signature || scope[3] !== 'oss' || scope[4] !== 'aliyun_v4_request') {
    throw ossErrors.invalidArgument('The OSS4-HMAC-SHA256 Authorization header is malformed.');
  }
  const [accessKeyId = '', day = '', region = ''] = scope;
  // OSS binds the signature to the bucket's region: a bare region ID, and the one the Host names.
  if (region.startsWith('oss-') || (req.hostRegion !== undefined && region !== req.hostRegion)) {
    throw ossErrors.invalidSigningRegion(region, req.hostRegion);
  }
  const payloadHash = ossHeader(req, 'x-oss-content-sha256');
  if (payloadHash === undefined) {
    throw ossErrors.invalidArgument('x-oss-content-sha256 is required with OSS4-HMAC-SHA256 (UNSIGNED-PAYLOAD).');
  }
  const dateValue = ossHeader(req, 'x-oss-date') ?? '';
  const dateMatch = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(dateValue);
  if (!dateMatch || !dateValue.startsWith(day)) {
    throw ossErrors.invalidArgument('x-oss-date must be yyyymmddTHHMMSSZ and match the credential scope date.');
  }
  const [, y, mo, d, h, mi, s] = dateMatch;
  const date = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));

  const additional = (fields.get('AdditionalHeaders') ?? '').split(';').filter((v) => v !== '');
  const signed = new Set(additional);
  for (const name of Object.keys(req.headers)) {
    if (name === 'content-type' || name === 'content-md5' || name.startsWith('x-oss-')) signed.add(name);
  }
  const canonicalHeaders = [...signed]
    .sort()
    .map((name) => `${name}:${(req.headers[name] ?? []).join(',').trim()}\n`)
    .join('');
  const canonicalQuery = [...req.query]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (v === null ? percentEncode(k) : `${percentEncode(k)}=${percentEncode(v)}`))
    .join('&');
  const canonicalRequest = [
    req.method,
    percentEncode(`/${req.bucket}/${req.key}`).replace(/%2F/g, '/'),
    canonicalQuery,
    canonicalHeaders,
    additional.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = [
    'OSS4-HMAC-SHA256',
    dateValue,
    `${day}/${region}/oss/aliyun_v4_request`,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');

  return {
    accessKeyId,
    date,
    verify(secret) {
      const key = hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, day), region), 'oss'), 'aliyun_v4_request');
      return sameSignature(createHmac('sha256', key).update(stringToSign).digest('hex'), signature.toLowerCase());
    },
  };
}
