// Alibaba's percent-encoding and small signing helpers shared by the RPC and OSS verifiers.
import { timingSafeEqual } from 'node:crypto';

/** RFC 3986 encoding as the Alibaba SDKs do it: encodeURIComponent plus `!'()*`. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Constant-time comparison of two signature strings. */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Parses `YYYY-MM-DDTHH:mm:ssZ` (the only timestamp form the SDKs send); undefined when malformed. */
export function parseIsoSecond(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
