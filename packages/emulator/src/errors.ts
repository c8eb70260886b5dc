// The service's error vocabulary in one place, so every check answers with the same code, status and message
// the real gateway uses (or, where undocumented, a choice written down in the README).
import { randomBytes, randomUUID } from 'node:crypto';
import type { OkStatusErrorCode } from './types.js';

/** A refusal raised anywhere in request handling and rendered by the RPC or OSS front end. */
export class ServiceError extends Error {
  /** Service error code, e.g. `SignatureDoesNotMatch`. */
  readonly code: string;
  /** HTTP status to answer with. */
  readonly status: number;
  /** Extra body fields (RPC: `AccessDeniedDetail`; OSS: extra XML elements). */
  readonly extra: Readonly<Record<string, unknown>>;
  /** OSS error number (`EC`); unused for RPC. */
  readonly ec: string | undefined;

  constructor(code: string, status: number, message: string, extra: Record<string, unknown> = {}, ec?: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.status = status;
    this.extra = extra;
    this.ec = ec;
  }
}

/** A new RPC request ID, shaped like Alibaba's (upper-case UUID). */
export function newRpcRequestId(): string {
  return randomUUID().toUpperCase();
}

/** A new OSS request ID, shaped like OSS's (24 upper-case hex digits). */
export function newOssRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

/** RPC errors used by the gateway and the two operations. */
export const rpcErrors = {
  missingParameter: (name: string) =>
    new ServiceError(
      'MissingParameter',
      400,
      `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
    ),
  invalidParameter: (name: string, why: string) =>
    new ServiceError('InvalidParameter', 400, `The specified parameter "${name}" is not valid: ${why}`),
  actionNotFound: () =>
    new ServiceError('InvalidAction.NotFound', 404, 'Specified api is not found, please check your url and method.'),
  invalidVersion: () => new ServiceError('InvalidVersion', 400, 'Specified parameter Version is not valid.'),
  unsupportedMethod: () =>
    new ServiceError('UnsupportedHTTPMethod', 400, 'Specified HTTP method is not supported; use GET or POST.'),
  tooLarge: () =>
    new ServiceError('RequestEntityTooLarge', 413, 'The request body is larger than the emulator accepts.'),
  malformed: (why: string) => new ServiceError('InvalidParameter', 400, `The request is malformed: ${why}`),
  incompleteSignature: (why: string) =>
    new ServiceError('IncompleteSignature', 400, `The request signature does not conform to Aliyun standards: ${why}`),
  missingSignature: () => new ServiceError('MissingSignature', 400, 'Signature is mandatory for this action.'),
  missingAccessKeyId: () => new ServiceError('MissingAccessKeyId', 400, 'AccessKeyId is mandatory for this action.'),
  missingNonce: () => new ServiceError('MissingSignatureNonce', 400, 'SignatureNonce is mandatory for this action.'),
  missingTimestamp: () => new ServiceError('MissingTimestamp', 400, 'Timestamp is mandatory for this action.'),
  timestampFormat: () =>
    new ServiceError('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.'),
  timestampExpired: () =>
    new ServiceError('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.'),
  signatureMismatch: () =>
    new ServiceError('SignatureDoesNotMatch', 400, 'Specified signature is not matched with our calculation.'),
  accessKeyNotFound: () => new ServiceError('InvalidAccessKeyId.NotFound', 404, 'Specified access key is not found.'),
  nonceUsed: () => new ServiceError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.'),
  missingSecurityToken: () =>
    new ServiceError('MissingSecurityToken', 400, 'SecurityToken is mandatory for temporary access keys.'),
  securityTokenMismatch: () =>
    new ServiceError(
      'InvalidSecurityToken.MismatchWithAccessKey',
      400,
      'Specified SecurityToken mismatch with the AccessKey.',
    ),
  securityTokenExpired: () =>
    new ServiceError('InvalidSecurityToken.Expired', 400, 'Specified SecurityToken is expired.'),
  limitControl: () => new ServiceError('System.LimitControl', 400, 'The system is under flow control.'),
  unsubscribed: () => new ServiceError('Product.Unsubscript', 400, 'You have not subscribed to the specified product.'),
  permissionDenied: (action: string, principal: string) =>
    new ServiceError('Ram.PermissionDeny', 400, 'You are not authorized to perform the operation.', {
      AccessDeniedDetail: {
        AuthAction: action,
        AuthPrincipalType: 'SubUser',
        AuthPrincipalDisplayName: principal,
        NoPermissionType: 'ExplicitDeny',
        PolicyType: 'AccountLevelIdentityBasedPolicy',
      },
    }),
  foreignResource: () =>
    new ServiceError('Unknown.ResourceOwnerId', 400, 'The resource does not belong to the current user.'),
  unknownInstance: () =>
    new ServiceError(
      'Unknown.ResourceOwnerId',
      400,
      'The instance does not exist or does not belong to the current user.',
    ),
  termsNotFound: (key: string) =>
    new ServiceError(
      'InvalidIsvTerms.NotFound',
      400,
      `The agreement file "${key}" was not found; upload it to OSS first.`,
    ),
  termsTooLarge: (limit: number) =>
    new ServiceError('InvalidIsvTerms.TooLarge', 400, `The agreement file is larger than ${limit} bytes.`),
  termsNotPdf: () => new ServiceError('InvalidIsvTerms.NotPdf', 400, 'The agreement file is not a PDF document.'),
  serviceUnavailable: () =>
    new ServiceError('ServiceUnavailable', 503, 'The request has failed due to a temporary failure of the server.'),
  internalError: () =>
    new ServiceError('InternalError', 500, 'The request processing has failed due to some unknown error.'),
};

const okStatusTwins: Record<OkStatusErrorCode, () => ServiceError> = {
  'System.LimitControl': rpcErrors.limitControl,
  'Product.Unsubscript': rpcErrors.unsubscribed,
  'Ram.PermissionDeny': () => rpcErrors.permissionDenied('', ''),
  'Unknown.ResourceOwnerId': rpcErrors.foreignResource,
  ServiceUnavailable: rpcErrors.serviceUnavailable,
  InternalError: rpcErrors.internalError,
};

/**
 * The error an `okStatusErrorCode` fault injects: HTTP 200 with the code and message of the emulator's own
 * 4xx/5xx error for that code, but no extra fields. The official SDK's response models type `AccessDeniedDetail`
 * as a string and refuse the RAM detail object on a 2xx, so a service that answers 200 cannot be sending it.
 */
export function okStatusFaultError(code: OkStatusErrorCode): ServiceError {
  const twin = okStatusTwins[code]();
  return new ServiceError(twin.code, 200, twin.message);
}

/** OSS errors (XML bodies). EC numbers are the emulator's own. */
export const ossErrors = {
  accessDenied: (why: string) => new ServiceError('AccessDenied', 403, why, {}, '0003-00000001'),
  invalidAccessKeyId: (why = 'The OSS Access Key Id you provided does not exist in our records.') =>
    new ServiceError('InvalidAccessKeyId', 403, why, {}, '0002-00000002'),
  invalidSecurityToken: () =>
    new ServiceError(
      'InvalidSecurityToken',
      403,
      'The security token you provided does not match your access key.',
      {},
      '0002-00000004',
    ),
  securityTokenExpired: () =>
    new ServiceError('SecurityTokenExpired', 403, 'The security token you provided has expired.', {}, '0002-00000007'),
  signatureMismatch: () =>
    new ServiceError(
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {},
      '0002-00000040',
    ),
  timeSkewed: () =>
    new ServiceError(
      'RequestTimeTooSkewed',
      403,
      'The difference between the request time and the current time is too large.',
      {},
      '0002-00000504',
    ),
  invalidArgument: (why: string) => new ServiceError('InvalidArgument', 400, why, {}, '0017-00000001'),
  invalidSigningRegion: (scopeRegion: string, hostRegion: string | undefined) =>
    new ServiceError(
      'InvalidArgument',
      400,
      `The signing region "${scopeRegion}" in the credential is invalid` +
        (hostRegion === undefined ? ' (use a region ID without "oss-").' : `; the Host names region "${hostRegion}".`),
      {},
      '0002-00000226',
    ),
  invalidDigest: () =>
    new ServiceError('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.', {}, '0016-00000301'),
  tooLarge: (limit: number) =>
    new ServiceError(
      'EntityTooLarge',
      400,
      `Your proposed upload exceeds the maximum allowed size of ${limit} bytes.`,
      {},
      '0016-00000108',
    ),
  invalidObjectName: () =>
    new ServiceError('InvalidObjectName', 400, 'The specified object name is not valid.', {}, '0016-00000005'),
  noSuchBucket: () =>
    new ServiceError('NoSuchBucket', 404, 'The specified bucket does not exist.', {}, '0015-00000101'),
  noSuchKey: () => new ServiceError('NoSuchKey', 404, 'The specified key does not exist.', {}, '0026-00000001'),
  methodNotAllowed: () =>
    new ServiceError(
      'MethodNotAllowed',
      405,
      'The specified method is not allowed against this resource.',
      {},
      '0016-00000002',
    ),
  notImplemented: () =>
    new ServiceError('NotImplemented', 501, 'The emulator does not implement this OSS request.', {}, '0016-00000003'),
  slowDown: () => new ServiceError('SlowDown', 503, 'Please reduce your request rate.', {}, '0003-00000501'),
  serviceUnavailable: () =>
    new ServiceError('ServiceUnavailable', 503, 'Service is temporarily unavailable.', {}, '0001-00000503'),
  internalError: () =>
    new ServiceError('InternalError', 500, 'We encountered an internal error. Please try again.', {}, '0001-00000500'),
};
