// The whole onboarding in one call: everything is validated first (company details, file name, file contents),
// so a bad e-mail address fails before the PDF is uploaded; then upload, then submit with IsvTerms = file name.
import type { ClientContext } from '../context.js';
import type { TermsFileInput } from '../validation/file.js';
import { validateAll } from '../validation/merge.js';
import { companyDetailsSchema, parseOrThrow, type CompanyDetails } from '../validation/schemas.js';
import { submitValidated, type CompanyDetailsInput, type SubmitResult } from './submit-isv-customer-terms.js';
import { uploadValidated, validateUpload, type UploadResult } from './upload-terms-file.js';

/** Input of submitCustomerTerms: the company details and the agreement file. */
export interface SubmitCustomerTermsInput extends CompanyDetailsInput {
  /** The signed agreement PDF: a path, a Buffer/Uint8Array, or a readable stream. */
  termsFile: TermsFileInput;
  /** Name to store it under; defaults to a path's base name, required for bytes and streams. */
  fileName?: string | undefined;
}

/** Result of submitCustomerTerms. */
export interface SubmitCustomerTermsResult {
  /** What was uploaded, and where. */
  upload: UploadResult;
  /** The submission's RequestId and code. */
  submit: SubmitResult;
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
  const submit = await submitValidated(ctx, { ...company, isvTerms: upload.isvTerms }, { objectKey: upload.objectKey });
  return { upload, submit };
}
