// One PutObject to OSS with exactly the temporary credentials GetChatappUploadAuthorization returned, through
// ali-oss (which signs). ali-oss errors can carry the request parameters, so they are rebuilt as OssError from a
// few scalar fields plus a redacted copy as the cause.
import type { ClientContext } from '../context.js';
import { OssError } from '../errors.js';
import { redactSecrets, sanitizeError, scrubUrls } from '../redact.js';
import type { UploadAuthorization } from '../operations/get-upload-authorization.js';

/** Loads ali-oss on the first upload, not at import: it is heavy, and most front-end start-ups never upload. */
async function loadOss() {
  return (await import('ali-oss')).default;
}

/** What OSS answered to a successful PutObject. */
export interface PutObjectResult {
  /** `x-oss-request-id` of the response. */
  requestId: string | undefined;
}

/** True when OSS refused the temporary credentials as expired or revoked: worth one fresh authorization. */
export function isExpiredCredentialsError(error: OssError): boolean {
  if (error.codeClass === 'expired-credentials') return true;
  // OSS sometimes says AccessDenied for a lapsed token; only its message tells the two apart.
  return error.code === 'AccessDenied' && /expire/i.test(error.message);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A socket-style code for a failure without a response. ali-oss reports those with status -1 / -2 and replaces the
 * socket's code with a class name (RequestError, ResponseError, …), so the message is the best remaining evidence.
 */
function networkCode(vendor: Record<string, unknown>, message: string): string {
  const explicit = /\b(E[A-Z]{3,}[A-Z_]*)\b/.exec(message)?.[1];
  if (explicit !== undefined) return explicit;
  if (/socket hang up/i.test(message)) return 'ECONNRESET';
  if (/timeout/i.test(message) || /Timeout/.test(text(vendor['name']) ?? '')) return 'ETIMEDOUT';
  return 'NetworkError';
}

function toOssError(error: unknown, objectKey: string, attempt: number, secrets: string[]): OssError {
  const vendor = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const status = typeof vendor['status'] === 'number' && vendor['status'] > 0 ? vendor['status'] : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // -1 / -2: ali-oss's markers for "no response" (network error / timeout). A response timeout arrives without
  // any status, only as a ResponseTimeoutError / ConnectionTimeoutError name. Anything else without a status was
  // thrown locally (e.g. the OSS client rejecting the bucket name) and is not a network failure.
  const noResponse =
    vendor['status'] === -1 || vendor['status'] === -2 || /TimeoutError$/.test(text(vendor['name']) ?? '');
  const code =
    status !== undefined
      ? (text(vendor['code']) ?? `HTTP${status}`)
      : noResponse
        ? networkCode(vendor, message)
        : (text(vendor['code']) ?? 'ClientError');
  return new OssError({
    code: redactSecrets(code, secrets),
    // ali-oss appends its connection-pool state to network errors: keep the first clause only.
    message: scrubUrls(
      redactSecrets(message.split('\n')[0]?.replace(/ \(connected: .*$/, '') || 'no message', secrets),
    ),
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
  const OSS = await loadOss();
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
