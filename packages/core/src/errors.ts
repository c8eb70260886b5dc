// The error classes callers can branch on. Service failures keep the service's own code and RequestId so they
// can be looked up with Alibaba Cloud support; local failures (bad input, bad configuration) say which field or
// option is wrong. Every message and cause is built from redacted text (see redact.ts), never from a raw vendor error.
// Every class sets `name` the same way: on its prototype, in a static block, so subclasses and minifiers keep it.
import { classifyErrorCode, type ErrorCodeClass } from './error-codes.js';

/** `AccessDeniedDetail` as the service sends it: a string, or an object such as `{ AuthAction, NoPermissionType }`. */
export type AccessDeniedDetail = string | Readonly<Record<string, unknown>>;

/** Fields every service error carries (ChatApp and OSS alike). */
export interface ServiceErrorDetails {
  /** The service's `Code` (e.g. `Ram.PermissionDeny`), or a socket error code such as `ECONNRESET`. */
  code: string;
  /** Human-readable message, redacted. */
  message: string;
  /** The operation that failed, e.g. `SubmitIsvCustomerTerms` or `PutObject`. */
  operation: string;
  requestId?: string | undefined;
  hostId?: string | undefined;
  /** HTTP status; undefined when no response arrived (network failure). */
  httpStatus?: number | undefined;
  /** How many attempts were made before giving up. */
  attempts?: number | undefined;
  cause?: Error | undefined;
}

/**
 * The shared base of ChatAppError and OssError: one constructor and one field set, so code that only needs the
 * service's code, RequestId and retry class (retry, the MCP hints, the CLI journal) handles both alike.
 */
export abstract class ServiceError extends Error {
  static {
    this.prototype.name = 'ServiceError';
  }

  /** The service's `Code`, or the socket error code when no response arrived. */
  readonly code: string;
  /** `RequestId` (ChatApp) or `x-oss-request-id` (OSS) of the response, for support tickets. */
  readonly requestId: string | undefined;
  /** `HostId` of the response. */
  readonly hostId: string | undefined;
  /** HTTP status of the response; undefined for network failures. */
  readonly httpStatus: number | undefined;
  /** The operation that failed. */
  readonly operation: string;
  /** Attempts made, including retries. */
  readonly attempts: number;
  /** What the code means for retrying (see error-codes.ts): by code, whatever the HTTP status. */
  readonly codeClass: ErrorCodeClass;

  /** `service` prefixes the message (`OSS PutObject failed: …`); empty for ChatApp. */
  protected constructor(service: string, details: ServiceErrorDetails) {
    const suffix = details.requestId ? ` (RequestId ${details.requestId})` : '';
    const prefix = service === '' ? '' : `${service} `;
    super(`${prefix}${details.operation} failed: ${details.code}: ${details.message}${suffix}`, {
      cause: details.cause,
    });
    this.code = details.code;
    this.requestId = details.requestId;
    this.hostId = details.hostId;
    this.httpStatus = details.httpStatus;
    this.operation = details.operation;
    this.attempts = details.attempts ?? 1;
    this.codeClass = classifyErrorCode(details.code, details.httpStatus);
  }
}

/** Fields of a ChatApp (cams) service error. */
export interface ChatAppErrorDetails extends ServiceErrorDetails {
  recommend?: string | undefined;
  accessDeniedDetail?: AccessDeniedDetail | undefined;
}

/** A ChatApp API call failed: an error response (HTTP 4xx/5xx or HTTP 200 with `Code` != `OK`) or no response at all. */
export class ChatAppError extends ServiceError {
  static {
    this.prototype.name = 'ChatAppError';
  }

  /** `Recommend` (a troubleshooting link) from the response. */
  readonly recommend: string | undefined;
  /** `AccessDeniedDetail` from the response (a string or the RAM detail object), when the service sent one. */
  readonly accessDeniedDetail: AccessDeniedDetail | undefined;

  constructor(details: ChatAppErrorDetails) {
    super('', details);
    this.recommend = details.recommend;
    this.accessDeniedDetail = details.accessDeniedDetail;
  }
}

/** Fields of an OSS error. */
export interface OssErrorDetails extends ServiceErrorDetails {
  /** The object key the upload targeted. */
  objectKey?: string | undefined;
}

/** The upload to OSS failed (refused by OSS, or no response). */
export class OssError extends ServiceError {
  static {
    this.prototype.name = 'OssError';
  }

  /** The object key that was being written. */
  readonly objectKey: string | undefined;

  constructor(details: OssErrorDetails) {
    super('OSS', details);
    this.objectKey = details.objectKey;
  }
}

/** Fields of an OutcomeUnknownError. */
export interface OutcomeUnknownErrorDetails {
  /** The write whose outcome is unknown, e.g. `SubmitIsvCustomerTerms`. */
  operation: string;
  /** The customer space the write was for. */
  custSpaceId: string;
  /** The uploaded agreement's file name (`IsvTerms`). */
  isvTerms: string;
  /** The uploaded agreement's OSS object key, when known. */
  objectKey?: string | undefined;
  /** Attempts sent, the last one included. */
  attempts: number;
  /** Why it could not be settled (e.g. read-back found no matching record, or no read-back exists). */
  reason: string;
  /** The failure of the last attempt (a timeout or a dropped connection). */
  cause: Error;
}

/**
 * A write that is not idempotent (a submission is a legal record) was sent, but its answer was lost: a timeout or
 * a dropped connection after sending. It may or may not have been recorded, so it was not sent again. Check
 * (read back) before resubmitting.
 */
export class OutcomeUnknownError extends Error {
  static {
    this.prototype.name = 'OutcomeUnknownError';
  }

  /** Always `OutcomeUnknown`, so code that branches on `code` needs no instanceof. */
  readonly code = 'OutcomeUnknown';
  readonly operation: string;
  readonly custSpaceId: string;
  readonly isvTerms: string;
  readonly objectKey: string | undefined;
  readonly attempts: number;

  constructor(details: OutcomeUnknownErrorDetails) {
    const file = details.objectKey ?? details.isvTerms;
    super(
      `${details.operation} outcome unknown for space ${details.custSpaceId} (file ${file}) after ` +
        `${details.attempts} attempt(s): ${details.reason}; check before resubmitting`,
      { cause: details.cause },
    );
    this.operation = details.operation;
    this.custSpaceId = details.custSpaceId;
    this.isvTerms = details.isvTerms;
    this.objectKey = details.objectKey;
    this.attempts = details.attempts;
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
