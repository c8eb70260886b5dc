// One PutObject to OSS with exactly the temporary credentials GetChatappUploadAuthorization returned, through
// ali-oss (which signs). ali-oss errors can carry the request parameters, so they are rebuilt as OssError from a
// few scalar fields plus a redacted copy as the cause.
import OSS from 'ali-oss';
import type { ClientContext } from '../context.js';
import { OssError } from '../errors.js';
import { redactSecrets, sanitizeError } from '../redact.js';
import type { UploadAuthorization } from '../operations/getUploadAuthorization.js';

/** What OSS answered to a successful PutObject. */
export interface PutObjectResult {
  /** `x-oss-request-id` of the response. */
  requestId: string | undefined;
}

/** OSS codes that mean the temporary credentials have expired (or were revoked): worth one fresh authorization. */
export function isExpiredCredentialsError(error: OssError): boolean {
  if (
    error.code === 'InvalidAccessKeyId' ||
    error.code === 'SecurityTokenExpired' ||
    error.code === 'InvalidSecurityToken'
  ) {
    return true;
  }
  return error.code === 'AccessDenied' && /expire/i.test(error.message);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function toOssError(error: unknown, objectKey: string, attempt: number, secrets: string[]): OssError {
  const vendor = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const status = typeof vendor['status'] === 'number' && vendor['status'] > 0 ? vendor['status'] : undefined;
  // ali-oss marks network failures with status -1 / -2 and names them (e.g. RequestError); the socket code
  // (ECONNRESET) is more useful than the name when present.
  const socketCode = text(vendor['code']) ?? text((vendor['cause'] as Record<string, unknown> | undefined)?.['code']);
  const code =
    status === undefined
      ? (socketCode ?? text(vendor['name']) ?? 'NetworkError')
      : (text(vendor['code']) ?? `HTTP${status}`);
  const message = error instanceof Error ? error.message : String(error);
  return new OssError({
    code: redactSecrets(code, secrets),
    message: redactSecrets(message.split('\n')[0] || 'no message', secrets),
    operation: 'PutObject',
    requestId: text(vendor['requestId']),
    hostId: text(vendor['hostId']),
    httpStatus: status,
    objectKey,
    attempts: attempt,
    cause: sanitizeError(error, secrets),
  });
}

/** Uploads `bytes` to `objectKey` with the authorization's credentials; throws OssError. */
export async function putObject(
  ctx: ClientContext,
  auth: UploadAuthorization,
  objectKey: string,
  bytes: Buffer,
  attempt: number,
): Promise<PutObjectResult> {
  const secrets = [auth.accessKeySecret, auth.securityToken];
  try {
    const oss = new OSS({
      accessKeyId: auth.accessKeyId,
      accessKeySecret: auth.accessKeySecret,
      stsToken: auth.securityToken,
      bucket: auth.bucketName,
      endpoint: auth.endpoint,
      // A scheme-less EndPoint means HTTPS; an explicit http:// or https:// in EndPoint wins.
      secure: true,
      timeout: ctx.timeoutMs,
      // We never hand ali-oss a refresh callback (a refused token is replaced by the caller, once); stating the
      // interval only silences its console warning about that.
      refreshSTSTokenInterval: auth.expireSeconds * 1000,
    });
    const result = await oss.put(objectKey, bytes, { mime: 'application/pdf' });
    const headers = (result.res as { headers?: Record<string, unknown> } | undefined)?.headers ?? {};
    return { requestId: text(headers['x-oss-request-id']) };
  } catch (error) {
    throw toOssError(error, objectKey, attempt, secrets);
  }
}
