// GetChatappUploadAuthorization: temporary OSS credentials and the folder (Dir) a customer's agreement goes into.
// The result carries an STS secret and token, so its toJSON and util.inspect forms mask them: logging or
// serializing an authorization by accident does not leak it (the properties themselves stay readable).
import { inspect } from 'node:util';
import type { ClientContext } from '../context.js';
import { ChatAppError } from '../errors.js';
import { emit } from '../events.js';
import { REDACTED } from '../redact.js';
import { callChatApp } from '../transport/chat-app-rpc.js';
import { custSpaceIdSchema, parseOrThrow } from '../validation/schemas.js';

/** The operation name. */
export const GET_UPLOAD_AUTHORIZATION = 'GetChatappUploadAuthorization';

/** Input of getUploadAuthorization. */
export interface GetUploadAuthorizationInput {
  /** Space ID of the ISV's customer. */
  custSpaceId: string;
  /** Skip the cache and fetch a new authorization (default false). */
  forceRefresh?: boolean | undefined;
}

/** Temporary OSS credentials for one customer space. Contains secrets: never print or persist it. */
export interface UploadAuthorization {
  /** The space this authorization is for. */
  custSpaceId: string;
  /** Temporary AccessKey ID for OSS. */
  accessKeyId: string;
  /** Temporary AccessKey secret for OSS (secret). */
  accessKeySecret: string;
  /** STS security token (secret). */
  securityToken: string;
  /** OSS bucket. */
  bucketName: string;
  /** Folder for the object key: the object is `dir + "/" + fileName`. */
  dir: string;
  /** OSS endpoint as returned (`EndPoint`), with or without a scheme. */
  endpoint: string;
  /** Lifetime in seconds, as returned (`Expire`). */
  expireSeconds: number;
  /** When it expires, in ms since the epoch (received time + Expire). */
  expiresAt: number;
  /** RequestId of the GetChatappUploadAuthorization call. */
  requestId: string | undefined;
}

function field(data: Record<string, unknown>, name: string, requestId: string | undefined): string {
  const value = data[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new ChatAppError({
    code: 'InvalidResponse',
    message: `the response has no Data.${name}`,
    operation: GET_UPLOAD_AUTHORIZATION,
    requestId,
  });
}

/** Masks the secret parts of an authorization for JSON and util.inspect. */
function protect(auth: UploadAuthorization): UploadAuthorization {
  const masked = (): Record<string, unknown> => ({ ...auth, accessKeySecret: REDACTED, securityToken: REDACTED });
  Object.defineProperty(auth, 'toJSON', { value: masked, enumerable: false });
  Object.defineProperty(auth, inspect.custom, {
    value: (_depth: number, options: object) => `UploadAuthorization ${inspect(masked(), options)}`,
    enumerable: false,
  });
  return auth;
}

/** Calls GetChatappUploadAuthorization for a validated space ID (no cache; see authorization-cache.ts). */
export async function fetchUploadAuthorization(ctx: ClientContext, custSpaceId: string): Promise<UploadAuthorization> {
  const body = await callChatApp(ctx, GET_UPLOAD_AUTHORIZATION, { CustSpaceId: custSpaceId });
  const requestId = typeof body['RequestId'] === 'string' ? body['RequestId'] : undefined;
  const data = (typeof body['Data'] === 'object' && body['Data'] !== null ? body['Data'] : {}) as Record<
    string,
    unknown
  >;
  const expireSeconds = Number(field(data, 'Expire', requestId));
  if (!Number.isFinite(expireSeconds) || expireSeconds <= 0) {
    throw new ChatAppError({
      code: 'InvalidResponse',
      message: 'Data.Expire is not a positive number',
      operation: GET_UPLOAD_AUTHORIZATION,
      requestId,
    });
  }
  const auth = protect({
    custSpaceId,
    accessKeyId: field(data, 'AccessKeyId', requestId),
    accessKeySecret: field(data, 'AccessKeySecret', requestId),
    securityToken: field(data, 'SecurityToken', requestId),
    bucketName: field(data, 'BucketName', requestId),
    dir: typeof data['Dir'] === 'string' ? data['Dir'] : '',
    endpoint: field(data, 'EndPoint', requestId),
    expireSeconds,
    expiresAt: Date.now() + expireSeconds * 1000,
    requestId,
  });
  emit(ctx, 'upload authorization received', {
    type: 'authorized',
    custSpaceId,
    requestId,
    bucket: auth.bucketName,
    dir: auth.dir,
    expireSeconds,
  });
  return auth;
}

/** getUploadAuthorization: validates, then serves from the per-space cache or fetches a fresh authorization. */
export async function getUploadAuthorization(
  ctx: ClientContext,
  input: GetUploadAuthorizationInput,
): Promise<UploadAuthorization> {
  const custSpaceId = parseOrThrow(custSpaceIdSchema, input?.custSpaceId, 'custSpaceId');
  return ctx.authorizations.get(ctx, custSpaceId, input?.forceRefresh === true);
}
