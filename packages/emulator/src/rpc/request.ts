// The parsed form of a ChatApp RPC request: raw query pairs (needed for signing), merged parameters and body.
import type { IncomingHttpHeaders } from 'node:http';
import { rpcErrors } from '../errors.js';

/** What the RPC front end hands to the signature verifiers and the operations. */
export interface RpcRequest {
  readonly method: string;
  /** Lower-cased header name → every value received. */
  readonly headers: Readonly<Record<string, string[]>>;
  /** Decoded query pairs in arrival order. */
  readonly queryPairs: ReadonlyArray<readonly [string, string]>;
  /** Decoded form-body pairs (empty unless a form body was sent). */
  readonly bodyPairs: ReadonlyArray<readonly [string, string]>;
  /** Query and form parameters merged (form wins on a clash). */
  readonly params: ReadonlyMap<string, string>;
  readonly body: Buffer;
}

/**
 * Decodes an RPC query string as form data: `+` is a space, `%2B` a plus. Python's `urlencode` (Alibaba's Python
 * SDKs) and Java's `URLEncoder` (the Java Tea core) send a space as `+` while signing it as `%20`; the gateway
 * reads it as a space, or those SDKs could not send a company name. The Node SDK sends `%20`, which reads the same.
 * (OSS object keys in paths are decoded elsewhere and keep `+` literal.) Throws a ServiceError on bad escapes.
 */
export function parseQuery(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' ');
    const value = (eq < 0 ? '' : part.slice(eq + 1)).replace(/\+/g, ' ');
    try {
      pairs.push([decodeURIComponent(key), decodeURIComponent(value)]);
    } catch {
      throw rpcErrors.malformed('the query string has an invalid percent-escape');
    }
  }
  return pairs;
}

/** Builds the RpcRequest from the raw pieces of an HTTP request. */
export function buildRpcRequest(
  method: string,
  headers: IncomingHttpHeaders,
  headersDistinct: Record<string, string[]>,
  rawQuery: string,
  body: Buffer,
): RpcRequest {
  const queryPairs = parseQuery(rawQuery);
  const contentType = String(headers['content-type'] ?? '').toLowerCase();
  const bodyPairs: Array<[string, string]> = [];
  if (body.length > 0 && contentType.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) bodyPairs.push([k, v]);
  }
  const params = new Map<string, string>();
  for (const [k, v] of queryPairs) params.set(k, v);
  for (const [k, v] of bodyPairs) params.set(k, v);
  return { method, headers: headersDistinct, queryPairs, bodyPairs, params, body };
}

/** The first value of a header, if any. */
export function header(req: RpcRequest, name: string): string | undefined {
  return req.headers[name]?.[0];
}
