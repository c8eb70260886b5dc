// Secrets must never reach an error message, a cause, a log line or a serialized object. The vendor clients we wrap
// (openapi-client, ali-oss, httpx, urllib) sometimes copy request headers, query strings or signing inputs into the
// errors they throw, so everything we surface goes through here first: known secret values are replaced wherever they
// appear, and anything shaped like a credential field, an Authorization header or a signature is masked by pattern.

import { ConfigurationError, OutcomeUnknownError, ServiceError, ValidationError } from './errors.js';
import { CustomerTermsNotFoundError, TermsVerificationError } from './record-errors.js';

/** The text that replaces a secret. */
export const REDACTED = '[REDACTED]';

// `name: value`, `name=value`, `"name":"value"` and JSON quoted inside JSON (`\"name\":\"value\"`) for fields that carry
// secrets (case-insensitive).
const SECRET_FIELD =
  /((?:x-acs-security-token|x-oss-security-token|x-acs-bearer-token|security[_-]?token|sts[_-]?token|access[_-]?key[_-]?secret|secret[_-]?access[_-]?key|signature|x-oss-signature|bearer[_-]?token|client[_-]?secret|password)\\?["']?\s*[:=]\s*\\?["']?)(?!\[REDACTED\])([^"'&,\s}\]\\]+)/gi;
// An Alibaba Cloud STS security token on its own (they start with `CAIS` and are long base64).
const STS_TOKEN = /\bCAIS[A-Za-z0-9+/=_-]{40,}/g;
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
    .replace(OSS_V1, `$1 $2:${REDACTED}`)
    .replace(STS_TOKEN, REDACTED);
}

/**
 * Drops the path and query of every http(s) URL, keeping scheme and host: a ChatApp request URL carries every
 * parameter (the customer's name, address and e-mail) in its query. Also removes the `POST <url> failed.` that the
 * HTTP library glues straight onto socket messages (`connect ECONNREFUSED 127.0.0.1:80POST http://…`).
 */
export function scrubUrls(text: string): string {
  return text
    .replace(/\s*(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) https?:\/\/\S* failed\.?/g, '')
    .replace(/(https?:\/\/[^/\s?#"'<>]+)[^\s"'<>]*/g, '$1');
}

/** Fields of a vendor error worth keeping; everything else (request copies, headers, bodies) is dropped. */
const KEPT_FIELDS = ['code', 'errno', 'syscall', 'status', 'statusCode', 'requestId', 'hostId'] as const;

/**
 * Makes a safe stand-in for a vendor error, suitable as `cause`: same name, redacted message and stack (URLs cut to
 * their origin), and only scalar diagnostic fields (code, errno, syscall, status, request id). The original object
 * is not kept, because its other fields may hold the signed request; its own `cause` chain is copied the same way.
 */
export function sanitizeError(error: unknown, knownSecrets: readonly (string | undefined)[] = [], depth = 0): Error {
  const clean = (text: string) => scrubUrls(redactSecrets(text, knownSecrets));
  if (!(error instanceof Error)) {
    return new Error(clean(String(error)));
  }
  const copy = new Error(clean(error.message));
  copy.name = error.name;
  copy.stack = clean(error.stack ?? '');
  const source = error as unknown as Record<string, unknown>;
  const target = copy as unknown as Record<string, unknown>;
  for (const field of KEPT_FIELDS) {
    const value = source[field];
    if (typeof value === 'string') target[field] = clean(value);
    else if (typeof value === 'number') target[field] = value;
  }
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    copy.cause = sanitizeError(error.cause, knownSecrets, depth + 1);
  }
  return copy;
}

/** How deep a cause chain is followed; a longer (or circular) chain is cut there. */
const MAX_CAUSE_DEPTH = 8;

/**
 * The last line of defence, applied to every error core throws: masks `knownSecrets` and secret-shaped text in the
 * message, the stack and every string field of the error and of each error in its `cause` chain. Core's own errors
 * are cleaned in place (they stay instances of their class); anything else becomes a sanitized copy.
 */
export function redactError(error: unknown, knownSecrets: readonly (string | undefined)[], depth = 0): unknown {
  if (!(error instanceof Error)) return sanitizeError(error, knownSecrets);
  if (!isOwnError(error)) return sanitizeError(error, knownSecrets, depth);
  const fields = error as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(error)) {
    const value = fields[key];
    if (typeof value === 'string') fields[key] = redactSecrets(value, knownSecrets);
  }
  if (error.cause !== undefined) {
    fields['cause'] =
      depth < MAX_CAUSE_DEPTH ? redactError(error.cause, knownSecrets, depth + 1) : new Error('[cause chain cut]');
  }
  return error;
}

function isOwnError(error: Error): boolean {
  return (
    error instanceof ServiceError ||
    error instanceof ValidationError ||
    error instanceof ConfigurationError ||
    error instanceof OutcomeUnknownError ||
    error instanceof CustomerTermsNotFoundError ||
    error instanceof TermsVerificationError
  );
}

/** The secret values one client has seen, so they can be masked wherever they turn up, even in unrelated text. */
export interface SecretRegistry {
  /** Remembers secret values (undefined and very short values are ignored). */
  remember(...values: (string | undefined)[]): void;
  /** Every remembered value. */
  values(): string[];
}

/** Most values a registry keeps; the oldest are forgotten first (rotating STS tokens would otherwise pile up). */
const MAX_REMEMBERED = 64;

/**
 * Creates a registry seeded with `initial` and the AccessKey secret and STS token of the environment (the default
 * credential chain reads them, and a failing chain may quote them).
 */
export function createSecretRegistry(initial: readonly (string | undefined)[] = []): SecretRegistry {
  const known = new Set<string>();
  const registry: SecretRegistry = {
    remember(...values) {
      for (const value of values) {
        if (value === undefined || value.length < 4 || known.has(value)) continue;
        known.add(value);
        if (known.size > MAX_REMEMBERED) known.delete(known.values().next().value as string);
      }
    },
    values: () => [...known],
  };
  registry.remember(
    ...initial,
    process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    process.env['ALIBABA_CLOUD_SECURITY_TOKEN'],
  );
  return registry;
}
