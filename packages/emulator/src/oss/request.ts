// Locating the bucket and key of an OSS request. ali-oss with an IP endpoint keeps the connection on the IP but
// sends `Host: <bucket>.oss-<region>.aliyuncs.com` and path `/<key>`; with `cname` or a domain it uses the Host's
// first label; with `sldEnable` (or any IP/localhost Host) the bucket is the first path segment.
import { isIP } from 'node:net';
import { ossErrors } from '../errors.js';

/** The parts of an OSS request the handlers need. */
export interface OssRequest {
  readonly method: string;
  /** Lower-cased header name → every value received. */
  readonly headers: Readonly<Record<string, string[]>>;
  readonly bucket: string;
  /** Decoded object key ('' for a bucket-level request). */
  readonly key: string;
  /** The region a virtual-hosted Host names (`<bucket>.oss-<region>.aliyuncs.com`), if it names one. */
  readonly hostRegion: string | undefined;
  /** Decoded query pairs; a value of null means the key had no `=`. */
  readonly query: ReadonlyArray<readonly [string, string | null]>;
  readonly body: Buffer;
}

/** The first value of a header, if any. */
export function ossHeader(req: Pick<OssRequest, 'headers'>, name: string): string | undefined {
  return req.headers[name]?.[0];
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw ossErrors.invalidObjectName();
  }
}

/** Splits a request into bucket, key and query; `emulatorHost` is the host the emulator listens on. */
export function locateObject(
  hostHeader: string,
  rawPath: string,
  rawQuery: string,
): { bucket: string; key: string; hostRegion: string | undefined; query: Array<[string, string | null]> } {
  const hostname = hostHeader
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase();
  const pathStyle = hostname === '' || hostname === 'localhost' || isIP(hostname) !== 0 || !hostname.includes('.');
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  let bucket: string;
  let keyPart: string;
  let hostRegion: string | undefined;
  if (pathStyle) {
    const slash = path.indexOf('/');
    bucket = decode(slash < 0 ? path : path.slice(0, slash));
    keyPart = slash < 0 ? '' : path.slice(slash + 1);
  } else {
    bucket = hostname.slice(0, hostname.indexOf('.'));
    keyPart = path;
    hostRegion = /^[^.]+\.oss-([a-z0-9-]+?)(?:-internal)?\./.exec(hostname)?.[1];
  }
  const query: Array<[string, string | null]> = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    query.push(eq < 0 ? [decode(part), null] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return { bucket, key: decode(keyPart), hostRegion, query };
}
