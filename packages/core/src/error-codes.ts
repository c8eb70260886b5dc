// What an error code means, in one place: retry, the OSS upload path and the MCP server's hints all read this module
// instead of keeping code lists of their own. Classification is by code first, whatever the HTTP status: the
// service may send `Code: InternalError` with HTTP 200, and that is as transient as the same code with HTTP 500.
// The status only decides for codes this module does not know (5xx → transient, anything else → permanent).
//
// A second question matters for writes that are not idempotent (a submission is a legal record): did the failed
// request reach the service? `deliveryOf` answers "not sent" only when that is certain — the connection was refused,
// the name did not resolve, or the service answered with an error — and "unknown" for a timeout or a connection
// dropped after the request may have left.

/** What a code says about trying again. */
export type ErrorCodeClass =
  /** The caller is over a quota: wait and retry (`System.LimitControl`, `Throttling*`, OSS `SlowDown`). */
  | 'throttling'
  /** A passing fault of the service or the network: retry (`InternalError`, `ServiceUnavailable`, 5xx, resets). */
  | 'transient'
  /** Temporary credentials expired or were revoked: get fresh ones, then retry once. */
  | 'expired-credentials'
  /** A named thing does not exist (an object, a key, an action): retrying will not change that. */
  | 'not-found'
  /** Anything else: permission, subscription, signature, bad parameters. Retrying cannot help. */
  | 'permanent';

/** Whether a failed request can have been acted on by the service. */
export type Delivery =
  /** Nothing was recorded: the request never left, or the service answered with an error. Safe to resend. */
  | 'not-sent'
  /** The request may have been processed (timeout or connection lost after sending). Never resend blindly. */
  | 'unknown';

const THROTTLING_CODES = new Set(['System.LimitControl', 'SlowDown', 'TooManyRequests', 'QpsLimitExceeded']);

const TRANSIENT_CODES = new Set([
  'InternalError',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableError',
  'ServiceTimeout',
  'RequestTimeout',
  'SystemBusy',
  'System.Busy',
  'UnknownError',
]);

const EXPIRED_CREDENTIAL_CODES = new Set([
  'InvalidSecurityToken.Expired',
  'SecurityTokenExpired',
  'InvalidSecurityToken',
  // OSS answers InvalidAccessKeyId once a temporary AccessKey has lapsed (ChatApp's own unknown key is `.NotFound`).
  'InvalidAccessKeyId',
]);

/** Codes that are permanent whatever the status says (the service's business refusals, signature and parameters). */
const PERMANENT_CODES = new Set([
  'Product.Unsubscript',
  'Ram.PermissionDeny',
  'Unknown.ResourceOwnerId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingParameter',
  'InvalidParameter',
  'AccessDenied',
]);

/**
 * Socket-level failures whose request provably never reached the service: the connection was refused (nothing was
 * listening, e.g. during a restart) or the host could not be resolved or reached. Retried, and safe for any write.
 */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

/**
 * Socket-level failures after the request may have left: resets, hang-ups, timeouts (a connect timeout included,
 * because the HTTP library's "connect" timer is the socket's idle timer and can fire after sending). Retried for
 * reads; for a non-idempotent write the outcome is unknown.
 */
const UNKNOWN_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'ESOCKETTIMEDOUT',
  'UND_ERR_SOCKET',
  'NetworkError',
  'SocketHangUp',
  'RequestTimeoutError',
  'ResponseTimeoutError',
  'ConnectionTimeoutError',
]);

/** True for a code that names a socket-level failure (no response arrived) rather than a service answer. */
export function isNetworkCode(code: string): boolean {
  return NOT_SENT_NETWORK_CODES.has(code) || UNKNOWN_NETWORK_CODES.has(code) || code === 'ENOTFOUND';
}

/**
 * The class of an error code. `httpStatus` is consulted only for codes not known here (a 5xx is then transient);
 * undefined means no response arrived.
 */
export function classifyErrorCode(code: string, httpStatus?: number): ErrorCodeClass {
  if (THROTTLING_CODES.has(code) || code.startsWith('Throttling')) return 'throttling';
  if (TRANSIENT_CODES.has(code) || NOT_SENT_NETWORK_CODES.has(code) || UNKNOWN_NETWORK_CODES.has(code)) {
    return 'transient';
  }
  if (EXPIRED_CREDENTIAL_CODES.has(code)) return 'expired-credentials';
  if (code.endsWith('.NotFound') || code.startsWith('NoSuch') || code === 'ENOTFOUND') return 'not-found';
  if (PERMANENT_CODES.has(code)) return 'permanent';
  if (httpStatus !== undefined && httpStatus >= 500) return 'transient';
  return 'permanent';
}

/** True when a failure with this code is worth retrying (throttling or transient). */
export function isRetryableCode(code: string, httpStatus?: number): boolean {
  const codeClass = classifyErrorCode(code, httpStatus);
  return codeClass === 'throttling' || codeClass === 'transient';
}

/**
 * Whether a failed request may have been processed. A response of any kind (`httpStatus` defined) is the service
 * saying no, so nothing was recorded; without a response only a refused or unresolvable connection is certain.
 */
export function deliveryOf(code: string, httpStatus?: number): Delivery {
  if (httpStatus !== undefined) return 'not-sent';
  if (NOT_SENT_NETWORK_CODES.has(code) || code === 'ENOTFOUND') return 'not-sent';
  // Any other failure without a response (a reset, a timeout, an unreadable answer) may follow a processed request.
  return 'unknown';
}
