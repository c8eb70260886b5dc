// Upload step: the agreement PDF goes to OSS under `Dir/<file name>` using the space's (cached) upload
// authorization. Transient OSS failures are retried; a refusal that means "your temporary credentials expired"
// gets one fresh authorization and one more try, since the cache can be outrun by clock skew or revocation.
import type { ClientContext } from '../context.js';
import { OssError } from '../errors.js';
import { emit } from '../events.js';
import { isExpiredCredentialsError, putObject } from '../oss/put-object.js';
import { withRetry } from '../retry.js';
import { readTermsFile, type TermsFile, type TermsFileInput } from '../validation/file.js';
import { validateAll } from '../validation/merge.js';
import { custSpaceIdSchema, parseOrThrow } from '../validation/schemas.js';
import type { UploadAuthorization } from './get-upload-authorization.js';

/** Input of uploadTermsFile. */
export interface UploadTermsFileInput {
  /** Space ID of the ISV's customer. */
  custSpaceId: string;
  /** The PDF: a path, a Buffer/Uint8Array, or a readable stream. */
  file: TermsFileInput;
  /** Name to store it under (the future IsvTerms); defaults to a path's base name, required otherwise. */
  fileName?: string | undefined;
}

/** Result of uploadTermsFile. */
export interface UploadResult {
  /** The value to pass as IsvTerms: the bare file name. */
  isvTerms: string;
  /** The full OSS object key, `Dir/<file name>`. */
  objectKey: string;
  /** Hex SHA-256 of the uploaded bytes. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** PutObject attempts made (1 when the first succeeded; retries and a refreshed authorization add to it). */
  attempts: number;
}

/** Validates a space ID and a file together, so one ValidationError lists every problem. */
export async function validateUpload(
  custSpaceId: unknown,
  file: TermsFileInput,
  fileName: string | undefined,
  options: { maxBytes: number; readTimeoutMs?: number | undefined; field: string },
): Promise<{ custSpaceId: string; termsFile: TermsFile }> {
  const [space, termsFile] = await validateAll<[string, TermsFile]>([
    () => parseOrThrow(custSpaceIdSchema, custSpaceId, 'custSpaceId'),
    () =>
      readTermsFile(file, {
        maxBytes: options.maxBytes,
        readTimeoutMs: options.readTimeoutMs,
        fileName,
        field: options.field,
      }),
  ]);
  return { custSpaceId: space, termsFile };
}

/** The object key for a file in an authorization's folder. */
export function objectKeyFor(dir: string, fileName: string): string {
  const folder = dir.replace(/^\/+|\/+$/g, '');
  return folder === '' ? fileName : `${folder}/${fileName}`;
}

/** PutObject with retries; resolves to the attempts it took. PutObject is idempotent (same key, same bytes). */
async function putWithRetries(
  ctx: ClientContext,
  auth: UploadAuthorization,
  key: string,
  bytes: Buffer,
): Promise<number> {
  const { attempts } = await withRetry(
    ctx.retry,
    (attempt, clock) => {
      clock.sending();
      return putObject(ctx, auth, key, bytes, attempt);
    },
    {
      onRetry: ({ attempt, delayMs, error }) =>
        emit(ctx, 'oss retry', {
          type: 'retry',
          operation: 'PutObject',
          attempt,
          delayMs,
          code: error.code,
          requestId: error.requestId,
          custSpaceId: auth.custSpaceId,
        }),
    },
  );
  return attempts;
}

/** Uploads an already validated file for a validated space. */
export async function uploadValidated(
  ctx: ClientContext,
  custSpaceId: string,
  termsFile: TermsFile,
): Promise<UploadResult> {
  let auth = await ctx.authorizations.get(ctx, custSpaceId);
  let objectKey = objectKeyFor(auth.dir, termsFile.fileName);
  let attempts: number;
  try {
    attempts = await putWithRetries(ctx, auth, objectKey, termsFile.bytes);
  } catch (error) {
    if (!(error instanceof OssError) || !isExpiredCredentialsError(error)) throw error;
    emit(ctx, 'upload authorization refused as expired; fetching a new one', {
      type: 'authorization-expired',
      custSpaceId,
      code: error.code,
    });
    auth = await ctx.authorizations.replace(ctx, auth);
    objectKey = objectKeyFor(auth.dir, termsFile.fileName);
    attempts = error.attempts + (await putWithRetries(ctx, auth, objectKey, termsFile.bytes));
  }
  emit(ctx, 'terms file uploaded', {
    type: 'uploaded',
    custSpaceId,
    objectKey,
    sha256: termsFile.sha256,
    size: termsFile.size,
  });
  return { isvTerms: termsFile.fileName, objectKey, sha256: termsFile.sha256, size: termsFile.size, attempts };
}

/** uploadTermsFile: validate, authorize (cached), PutObject. */
export async function uploadTermsFile(ctx: ClientContext, input: UploadTermsFileInput): Promise<UploadResult> {
  const { custSpaceId, termsFile } = await validateUpload(input?.custSpaceId, input?.file, input?.fileName, {
    maxBytes: ctx.maxFileBytes,
    readTimeoutMs: ctx.timeoutMs,
    field: 'file',
  });
  return uploadValidated(ctx, custSpaceId, termsFile);
}
