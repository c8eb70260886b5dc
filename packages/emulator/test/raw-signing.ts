// Hand-built signed requests for the negative cases no official client can be made to send (a header left out of
// SignedHeaders, an unsigned routing header, a key with `..`). The happy paths are proven with the official SDK and
// ali-oss elsewhere, so these signers only need to be right where they agree with those clients. Raw node:http, so
// the bytes on the wire are exactly the ones signed (fetch would add and rewrite headers).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';

/** What came back. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends one request with exactly these headers (Host included) and body. */
export function rawRequest(
  endpoint: string,
  options: { method: string; path: string; headers: Record<string, string>; body?: Buffer | string },
): Promise<RawResponse> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('raw request timed out')));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The service's error code in a JSON (RPC) or XML (OSS) error body. */
export function codeOf(res: RawResponse): string {
  if (res.text.startsWith('{')) return String((JSON.parse(res.text) as { Code?: unknown }).Code);
  return /<Code>([^<]*)<\/Code>/.exec(res.text)?.[1] ?? `HTTP ${res.status}`;
}

/** Alibaba's percent-encoding (encodeURIComponent plus !'()*). */
export function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const isoSecond = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Host header value for an emulator endpoint. */
export const hostOf = (endpoint: string) => new URL(endpoint).host;

/** An ACS3-HMAC-SHA256 request as openapi-client builds it, with hooks to break it in one place. */
export function acs3Request(
  endpoint: string,
  creds: { accessKeyId: string; accessKeySecret: string },
  action: string,
  query: Record<string, string>,
  options: {
    body?: string;
    headers?: Record<string, string>;
    omit?: string[];
    /** Which of the sent headers to sign (default: host, content-type and every x-acs-*). */
    sign?: (name: string) => boolean;
    /** Rewrites the signed, RFC 3986-encoded query before it is sent (as form encoders do with spaces). */
    wireQuery?: (query: string) => string;
  } = {},
): Promise<RawResponse> {
  const body = options.body ?? '';
  const headers: Record<string, string> = {
    host: hostOf(endpoint),
    'x-acs-action': action,
    'x-acs-version': '2020-06-06',
    'x-acs-date': isoSecond(),
    'x-acs-signature-nonce': randomUUID(),
    'x-acs-content-sha256': sha256(body),
    ...options.headers,
  };
  for (const name of options.omit ?? []) delete headers[name];
  const signed = Object.keys(headers)
    .filter((n) => n === 'host' || n === 'content-type' || n.startsWith('x-acs-'))
    .filter(options.sign ?? (() => true))
    .sort();
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${encode(k)}=${encode(query[k]!)}`)
    .join('&');
  const canonical = [
    'POST',
    '/',
    canonicalQuery,
    signed.map((n) => `${n}:${headers[n]!.trim()}\n`).join(''),
    signed.join(';'),
    sha256(body),
  ].join('\n');
  const signature = createHmac('sha256', creds.accessKeySecret)
    .update(`ACS3-HMAC-SHA256\n${sha256(canonical)}`)
    .digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${creds.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${signature}`;
  const wire = options.wireQuery ? options.wireQuery(canonicalQuery) : canonicalQuery;
  return rawRequest(endpoint, { method: 'POST', path: `/?${wire}`, headers, body });
}

/** A legacy HMAC-SHA1 RPC request (GET, every parameter in the query); `omit` drops common parameters. */
export function rpcV1Request(
  endpoint: string,
  creds: { accessKeyId: string; accessKeySecret: string },
  params: Record<string, string>,
  options: { headers?: Record<string, string>; omit?: string[]; wireQuery?: (query: string) => string } = {},
): Promise<RawResponse> {
  const all: Record<string, string> = {
    Format: 'json',
    Version: '2020-06-06',
    Timestamp: isoSecond(),
    SignatureNonce: randomUUID(),
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    AccessKeyId: creds.accessKeyId,
    ...params,
  };
  for (const name of options.omit ?? []) delete all[name];
  const canonical = Object.keys(all)
    .sort()
    .map((k) => `${encode(k)}=${encode(all[k]!)}`)
    .join('&');
  const stringToSign = `GET&${encode('/')}&${encode(canonical)}`;
  const signature = createHmac('sha1', `${creds.accessKeySecret}&`).update(stringToSign).digest('base64');
  return rawRequest(endpoint, {
    method: 'GET',
    path: `/?${options.wireQuery ? options.wireQuery(canonical) : canonical}&Signature=${encode(signature)}`,
    headers: { host: hostOf(endpoint), ...options.headers },
  });
}

/** Temporary OSS credentials as GetChatappUploadAuthorization returns them. */
export interface UploadCreds {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  bucketName: string;
}

/** A V1-signed PutObject, path-style (`/<bucket>/<key>`), with `rawKey` sent exactly as given on the wire. */
export function ossV1Put(
  endpoint: string,
  creds: UploadCreds,
  rawKey: string,
  body: Buffer,
  date = new Date().toUTCString(),
): Promise<RawResponse> {
  const md5 = createHash('md5').update(body).digest('base64');
  const type = 'application/pdf';
  const key = decodeURIComponent(rawKey);
  const stringToSign = [
    'PUT',
    md5,
    type,
    date,
    `x-oss-date:${date}`,
    `x-oss-security-token:${creds.securityToken}`,
    `/${creds.bucketName}/${key}`,
  ].join('\n');
  const signature = createHmac('sha1', creds.accessKeySecret).update(stringToSign).digest('base64');
  return rawRequest(endpoint, {
    method: 'PUT',
    path: `/${creds.bucketName}/${rawKey}`,
    headers: {
      host: hostOf(endpoint),
      'content-md5': md5,
      'content-type': type,
      'x-oss-date': date,
      'x-oss-security-token': creds.securityToken,
      authorization: `OSS ${creds.accessKeyId}:${signature}`,
    },
    body,
  });
}

/**
 * A V4-signed PutObject as ali-oss builds it against an IP endpoint (path `/<key>`, bucket in the Host), with the
 * Host's region and the credential scope's region chosen separately, and `x-oss-content-sha256` optional.
 */
export function ossV4Put(
  endpoint: string,
  creds: UploadCreds,
  key: string,
  body: Buffer,
  options: { hostRegion: string; scopeRegion: string; contentSha256?: string | undefined },
): Promise<RawResponse> {
  const date = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const day = date.slice(0, 8);
  const headers: Record<string, string> = {
    'content-md5': createHash('md5').update(body).digest('base64'),
    'content-type': 'application/pdf',
    'x-oss-date': date,
    'x-oss-security-token': creds.securityToken,
  };
  if (options.contentSha256 !== undefined) headers['x-oss-content-sha256'] = options.contentSha256;
  const names = Object.keys(headers).sort();
  const canonical = [
    'PUT',
    encode(`/${creds.bucketName}/${key}`).replace(/%2F/g, '/'),
    '',
    names.map((n) => `${n}:${headers[n]!.trim()}\n`).join(''),
    '',
    options.contentSha256 ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${options.scopeRegion}/oss/aliyun_v4_request`;
  const stringToSign = ['OSS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  const hmac = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();
  const signingKey = hmac(
    hmac(hmac(hmac(`aliyun_v4${creds.accessKeySecret}`, day), options.scopeRegion), 'oss'),
    'aliyun_v4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  headers.host = `${creds.bucketName}.oss-${options.hostRegion}.aliyuncs.com`;
  headers.authorization = `OSS4-HMAC-SHA256 Credential=${creds.accessKeyId}/${scope},Signature=${signature}`;
  return rawRequest(endpoint, { method: 'PUT', path: `/${key.split('/').map(encode).join('/')}`, headers, body });
}
