// The whole onboarding in one call: everything is validated first (company details, file name, file contents),
// so a bad e-mail address fails before the PDF is uploaded; then upload, then write the terms through the client's
// API generation (api-generation.ts), then, with `verify: true`, read the record back and compare.
import { writeTerms } from '../api-generation.js';
import type { ClientContext } from '../context.js';
import { emit, type UsedGeneration } from '../events.js';
import { compareRecord, type CustomerTermsRecord } from '../instance-record.js';
import { CustomerTermsNotFoundError, TermsVerificationError, type VerifiedWrite } from '../record-errors.js';
import type { TermsFileInput } from '../validation/file.js';
import { validateAll } from '../validation/merge.js';
import { companyDetailsSchema, parseOrThrow, type CompanyDetails } from '../validation/schemas.js';
import { readValidated } from './read-customer-terms.js';
import type { CompanyDetailsInput, SubmitResult } from './submit-isv-customer-terms.js';
import { uploadValidated, validateUpload, type UploadResult } from './upload-terms-file.js';

/** Input of submitCustomerTerms: the company details and the agreement file. */
export interface SubmitCustomerTermsInput extends CompanyDetailsInput {
  /** The signed agreement PDF: a path, a Buffer/Uint8Array, or a readable stream. */
  termsFile: TermsFileInput;
  /** Name to store it under; defaults to a path's base name, required for bytes and streams. */
  fileName?: string | undefined;
  /**
   * Read the record back after writing and throw TermsVerificationError unless it shows what was sent (default
   * false). Costs one or more ListInstance calls.
   */
  verify?: boolean | undefined;
}

/** Result of submitCustomerTerms. */
export interface SubmitCustomerTermsResult {
  /** What was uploaded, and where. */
  upload: UploadResult;
  /** The write's RequestId and code, and the generation that carried it. */
  submit: SubmitResult;
  /** The API generation that carried the write (same as submit.generation). */
  generation: UsedGeneration;
  /** The record read back (only with `verify: true`). */
  record?: CustomerTermsRecord | undefined;
}

/** submitCustomerTerms: validate all, upload, submit. */
export async function submitCustomerTerms(
  ctx: ClientContext,
  input: SubmitCustomerTermsInput,
): Promise<SubmitCustomerTermsResult> {
  const [company, prepared] = await validateAll<[CompanyDetails, Awaited<ReturnType<typeof validateUpload>>]>([
    () => parseOrThrow(companyDetailsSchema, input),
    () =>
      validateUpload(input?.custSpaceId, input?.termsFile, input?.fileName, {
        maxBytes: ctx.maxFileBytes,
        readTimeoutMs: ctx.timeoutMs,
        field: 'termsFile',
      }),
  ]);

  const upload = await uploadValidated(ctx, prepared.custSpaceId, prepared.termsFile);
  const submit = await writeTerms(ctx, company, {
    isvTerms: upload.isvTerms,
    objectKey: upload.objectKey,
  });
  if (input?.verify !== true) return { upload, submit, generation: submit.generation };
  const record = await verifyWrite(ctx, company, upload, submit);
  return { upload, submit, generation: submit.generation, record };
}

/**
 * Reads the record back and compares it with what was sent. Every failure here is a TermsVerificationError that
 * carries the accepted write: a read-back error must never look like a failed write, or callers would resend.
 */
async function verifyWrite(
  ctx: ClientContext,
  company: CompanyDetails,
  upload: UploadResult,
  submit: SubmitResult,
): Promise<CustomerTermsRecord> {
  const write: VerifiedWrite = {
    custSpaceId: company.custSpaceId,
    generation: submit.generation,
    requestId: submit.requestId,
    objectKey: upload.objectKey,
  };
  let record: CustomerTermsRecord;
  try {
    record = await readValidated(ctx, company.custSpaceId);
  } catch (error) {
    const cause = error instanceof Error ? error : new Error(String(error));
    const reason = error instanceof CustomerTermsNotFoundError ? 'not-found' : 'unreadable';
    throw new TermsVerificationError(reason, write, [], cause);
  }
  const mismatches = compareRecord(record, company, upload);
  if (mismatches.length > 0) throw new TermsVerificationError('mismatch', write, mismatches);
  emit(ctx, 'customer record verified', {
    type: 'verified',
    custSpaceId: company.custSpaceId,
    generation: submit.generation,
    instanceId: record.instanceId,
  });
  return record;
}
