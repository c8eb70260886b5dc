// Upload step: the agreement PDF goes to OSS under `Dir/<file name>` using the space's (cached) upload
// authorization. Transient OSS failures are retried; a refusal that means "your temporary credentials expired"
// gets one fresh authorization and one more try, since the cache can be outrun by clock skew or revocation.
import type { ClientContext } from '../context.js';
import { OssError, ValidationError, type ValidationIssue } from '../errors.js';
import { emit } from '../events.js';
import { isExpiredCredentialsError, putObject } from '../oss/put-object.js';
import { withRetry } from '../retry.js';
import { readTermsFile, type TermsFile, type TermsFileInput } from '../validation/file.js';
import { custSpaceIdSchema, toValidationIssues } from '../validation/schemas.js';
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
}

/** Validates a space ID and a file together, so one ValidationError lists every problem. */
export async function validateUpload(
  custSpaceId: unknown,
  file: TermsFileInput,
  fileName: string | undefined,
  maxBytes: number,
  fileField: string,
): Promise<{ custSpaceId: string; termsFile: TermsFile }> {
  const issues: ValidationIssue[] = [];
  const space = custSpaceIdSchema.safeParse(custSpaceId);
  if (!space.success) issues.push(...toValidationIssues(space.error, 'custSpaceId'));
  let termsFile: TermsFile | undefined;
  try {
    termsFile = await readTermsFile(file, { maxBytes, fileName, field: fileField });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (issues.length > 0 || !space.success || termsFile === undefined) throw new ValidationError(issues);
  return { custSpaceId: space.data, termsFile };
}

/** The object key for a file in an authorization's folder. */
export function objectKeyFor(dir: string, fileName: string): string {
  const folder = dir.replace(/^\/+|\/+$/g, '');
  return folder === '' ? fileName : `${folder}/${fileName}`;
}

async function putWithRetries(
  ctx: ClientContext,
  auth: UploadAuthorization,
  key: string,
  bytes: Buffer,
): Promise<void> {
  await withRetry(
    ctx.retry,
    (attempt) => putObject(ctx, auth, key, bytes, attempt),
    ({ attempt, delayMs, error }) =>
      emit(ctx, 'oss retry', {
        type: 'retry',
        operation: 'PutObject',
        attempt,
        delayMs,
        code: error.code,
        requestId: error.requestId,
        custSpaceId: auth.custSpaceId,
      }),
  );
}

/** Uploads an already validated file for a validated space. */
export async function uploadValidated(
  ctx: ClientContext,
  custSpaceId: string,
  termsFile: TermsFile,
): Promise<UploadResult> {
  let auth = await ctx.authorizations.get(ctx, custSpaceId);
  let objectKey = objectKeyFor(auth.dir, termsFile.fileName);
  try {
    await putWithRetries(ctx, auth, objectKey, termsFile.bytes);
  } catch (error) {
    if (!(error instanceof OssError) || !isExpiredCredentialsError(error)) throw error;
    emit(ctx, 'upload authorization refused as expired; fetching a new one', {
      type: 'authorization-expired',
      custSpaceId,
      code: error.code,
    });
    auth = await ctx.authorizations.replace(ctx, auth);
    objectKey = objectKeyFor(auth.dir, termsFile.fileName);
    await putWithRetries(ctx, auth, objectKey, termsFile.bytes);
  }
  emit(ctx, 'terms file uploaded', {
    type: 'uploaded',
    custSpaceId,
    objectKey,
    sha256: termsFile.sha256,
    size: termsFile.size,
  });
  return { isvTerms: termsFile.fileName, objectKey, sha256: termsFile.sha256, size: termsFile.size };
}

/** uploadTermsFile: validate, authorize (cached), PutObject. */
export async function uploadTermsFile(ctx: ClientContext, input: UploadTermsFileInput): Promise<UploadResult> {
  const { custSpaceId, termsFile } = await validateUpload(
    input?.custSpaceId,
    input?.file,
    input?.fileName,
    ctx.maxFileBytes,
    'file',
  );
  return uploadValidated(ctx, custSpaceId, termsFile);
}
