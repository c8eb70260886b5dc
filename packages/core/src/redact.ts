// Secrets must never reach an error message, a cause, a log line or a serialized object. The vendor clients we wrap
// (openapi-client, ali-oss, httpx, urllib) sometimes copy request headers, query strings or signing inputs into the
// errors they throw, so everything we surface goes through here first: known secret values are replaced wherever they
// appear, and anything shaped like a credential field, an Authorization header or a signature is masked by pattern.

/** The text that replaces a secret. */
export const REDACTED = '[REDACTED]';

// `name: value`, `name=value`, `"name":"value"` for fields that carry secrets (case-insensitive).
const SECRET_FIELD =
  /((?:x-acs-security-token|x-oss-security-token|x-acs-bearer-token|security[_-]?token|sts[_-]?token|access[_-]?key[_-]?secret|secret[_-]?access[_-]?key|signature|x-oss-signature|bearer[_-]?token|client[_-]?secret|password)["']?\s*[:=]\s*["']?)([^"'&,\s}\]]+)/gi;
// An Authorization header's whole value (ACS3, OSS V1, OSS4 and legacy `acs id:sig` forms).
const AUTHORIZATION = /(authorization["']?\s*[:=]\s*["']?)([^"'\n}]+)/gi;
// A bare ACS3 / OSS4 `...,Signature=<hex>` fragment or an OSS V1 `OSS <id>:<base64>` credential.
const INLINE_SIGNATURE = /(Signature=)([0-9A-Za-z+/=%]+)/g;
const OSS_V1 = /\b(OSS|acs) ([^\s:"']+):([A-Za-z0-9+/=]{8,})/g;

/**
 * Masks secrets in a piece of text: every value in `knownSecrets` (AccessKey secrets, security tokens) wherever it
 * appears, plus anything shaped like a secret field, an Authorization header or a signature.
 */
export function redactSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret !== undefined && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(AUTHORIZATION, `$1${REDACTED}`)
    .replace(SECRET_FIELD, `$1${REDACTED}`)
    .replace(INLINE_SIGNATURE, `$1${REDACTED}`)
    .replace(OSS_V1, `$1 $2:${REDACTED}`);
}

/** Fields of a vendor error worth keeping; everything else (request copies, headers, bodies) is dropped. */
const KEPT_FIELDS = ['code', 'errno', 'syscall', 'status', 'statusCode', 'requestId', 'hostId'] as const;

/**
 * Makes a safe stand-in for a vendor error, suitable as `cause`: same name, redacted message and stack, and only
 * scalar diagnostic fields (code, errno, syscall, status, request id). The original object is not kept, because its
 * other fields may hold the signed request.
 */
export function sanitizeError(error: unknown, knownSecrets: readonly (string | undefined)[] = []): Error {
  if (!(error instanceof Error)) {
    return new Error(redactSecrets(String(error), knownSecrets));
  }
  const copy = new Error(redactSecrets(error.message, knownSecrets));
  copy.name = error.name;
  copy.stack = redactSecrets(error.stack ?? '', knownSecrets);
  const source = error as unknown as Record<string, unknown>;
  const target = copy as unknown as Record<string, unknown>;
  for (const field of KEPT_FIELDS) {
    const value = source[field];
    if (typeof value === 'string') target[field] = redactSecrets(value, knownSecrets);
    else if (typeof value === 'number') target[field] = value;
  }
  return copy;
}
