// The four error classes callers can branch on. Service failures keep the service's own code and RequestId so they
// can be looked up with Alibaba Cloud support; local failures (bad input, bad configuration) say which field or
// option is wrong. Every message and cause is built from redacted text (see redact.ts), never from a raw vendor error.

/** `AccessDeniedDetail` as the service sends it: a string, or an object such as `{ AuthAction, NoPermissionType }`. */
export type AccessDeniedDetail = string | Readonly<Record<string, unknown>>;

/** Fields of a ChatApp (cams) service error. */
export interface ChatAppErrorDetails {
  /** The service's `Code` (e.g. `Ram.PermissionDeny`), or a socket error code such as `ECONNRESET`. */
  code: string;
  /** Human-readable message, redacted. */
  message: string;
  /** The operation that failed, e.g. `SubmitIsvCustomerTerms`. */
  operation: string;
  requestId?: string | undefined;
  hostId?: string | undefined;
  recommend?: string | undefined;
  /** HTTP status; undefined when no response arrived (network failure). */
  httpStatus?: number | undefined;
  accessDeniedDetail?: AccessDeniedDetail | undefined;
  /** How many attempts were made before giving up. */
  attempts?: number | undefined;
  cause?: Error | undefined;
}

/** A ChatApp API call failed: an error response (HTTP 4xx/5xx or HTTP 200 with `Code` != `OK`) or no response at all. */
export class ChatAppError extends Error {
  static {
    this.prototype.name = 'ChatAppError';
  }

  /** The service's `Code`, or the socket error code when no response arrived. */
  readonly code: string;
  /** `RequestId` from the response, for support tickets. */
  readonly requestId: string | undefined;
  /** `HostId` from the response. */
  readonly hostId: string | undefined;
  /** `Recommend` (a troubleshooting link) from the response. */
  readonly recommend: string | undefined;
  /** HTTP status of the response; undefined for network failures. */
  readonly httpStatus: number | undefined;
  /** The operation that failed. */
  readonly operation: string;
  /** `AccessDeniedDetail` from the response (a string or the RAM detail object), when the service sent one. */
  readonly accessDeniedDetail: AccessDeniedDetail | undefined;
  /** Attempts made, including retries. */
  readonly attempts: number;

  constructor(details: ChatAppErrorDetails) {
    const suffix = details.requestId ? ` (RequestId ${details.requestId})` : '';
    super(`${details.operation} failed: ${details.code}: ${details.message}${suffix}`, { cause: details.cause });
    this.code = details.code;
    this.requestId = details.requestId;
    this.hostId = details.hostId;
    this.recommend = details.recommend;
    this.httpStatus = details.httpStatus;
    this.operation = details.operation;
    this.accessDeniedDetail = details.accessDeniedDetail;
    this.attempts = details.attempts ?? 1;
  }
}

/** Fields of an OSS error. */
export interface OssErrorDetails {
  /** OSS error `Code` (e.g. `AccessDenied`), or a socket error code. */
  code: string;
  message: string;
  /** Always `PutObject` today. */
  operation: string;
  requestId?: string | undefined;
  hostId?: string | undefined;
  httpStatus?: number | undefined;
  /** The object key the upload targeted. */
  objectKey?: string | undefined;
  attempts?: number | undefined;
  cause?: Error | undefined;
}

/** The upload to OSS failed (refused by OSS, or no response). */
export class OssError extends Error {
  static {
    this.prototype.name = 'OssError';
  }

  /** OSS error `Code`, or the socket error code when no response arrived. */
  readonly code: string;
  /** `x-oss-request-id` / `RequestId` of the response. */
  readonly requestId: string | undefined;
  /** `HostId` of the response. */
  readonly hostId: string | undefined;
  /** HTTP status; undefined for network failures. */
  readonly httpStatus: number | undefined;
  /** The OSS operation (`PutObject`). */
  readonly operation: string;
  /** The object key that was being written. */
  readonly objectKey: string | undefined;
  /** Attempts made, including retries. */
  readonly attempts: number;

  constructor(details: OssErrorDetails) {
    const suffix = details.requestId ? ` (RequestId ${details.requestId})` : '';
    super(`OSS ${details.operation} failed: ${details.code}: ${details.message}${suffix}`, { cause: details.cause });
    this.code = details.code;
    this.requestId = details.requestId;
    this.hostId = details.hostId;
    this.httpStatus = details.httpStatus;
    this.operation = details.operation;
    this.objectKey = details.objectKey;
    this.attempts = details.attempts ?? 1;
  }
}

/** One problem with one input field. */
export interface ValidationIssue {
  /** The input field, e.g. `contactMail` or `termsFile`. */
  field: string;
  /** What is wrong with it. */
  message: string;
}

/** Input was rejected before any network call; `issues` lists every field that is wrong. */
export class ValidationError extends Error {
  static {
    this.prototype.name = 'ValidationError';
  }

  /** Every problem found, one per field and rule. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(`Invalid input: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
    this.issues = issues;
  }
}

/** The client is misconfigured (options, credentials, endpoint) and no call can succeed until that is fixed. */
export class ConfigurationError extends Error {
  static {
    this.prototype.name = 'ConfigurationError';
  }

  /** The option at fault, e.g. `credentials` or `endpoint`. */
  readonly option: string;

  constructor(option: string, message: string, cause?: Error) {
    super(`${option}: ${message}`, cause === undefined ? undefined : { cause });
    this.option = option;
  }
}
