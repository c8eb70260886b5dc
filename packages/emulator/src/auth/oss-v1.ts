// OSS header signature V1 (ali-oss default): `Authorization: OSS <ak>:<base64 HMAC-SHA1>` over verb, Content-MD5,
// Content-Type, date, the sorted x-oss-* headers and the canonical resource `/<bucket>/<key>`.
import { createHmac } from 'node:crypto';
import { ossErrors } from '../errors.js';
import { ossHeader, type OssRequest } from '../oss/request.js';
import { sameSignature } from './encode.js';
import type { OssClaim } from './oss-claim.js';

/** The only date form OSS takes in `Date` / `x-oss-date` under V1, e.g. `Tue, 20 Dec 2022 08:48:18 GMT`. */
const RFC_1123 =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Reads `OSS <ak>:<signature>` into a claim. */
export function readOssV1Claim(req: OssRequest, authorization: string): OssClaim {
  const match = /^OSS ([^:\s]+):(\S+)$/.exec(authorization);
  if (!match) throw ossErrors.invalidArgument('The Authorization header is malformed.');
  const [, accessKeyId = '', signature = ''] = match;

  const ossLines = Object.keys(req.headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${(req.headers[name] ?? []).join(',').trim()}`);
  const dateLine = ossHeader(req, 'x-oss-date') ?? ossHeader(req, 'date') ?? '';
  const subresources = req.query.map(([k, v]) => (v === null || v === '' ? k : `${k}=${v}`)).sort();
  const resource = `/${req.bucket}/${req.key}${subresources.length > 0 ? `?${subresources.join('&')}` : ''}`;
  const stringToSign = [
    req.method,
    ossHeader(req, 'content-md5') ?? '',
    ossHeader(req, 'content-type') ?? '',
    dateLine,
    ...ossLines,
    resource,
  ].join('\n');

  return {
    accessKeyId,
    date: RFC_1123.test(dateLine) ? Date.parse(dateLine) : Number.NaN,
    verify(secret) {
      return sameSignature(createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64'), signature);
    },
  };
}
