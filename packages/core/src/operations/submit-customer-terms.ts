// The whole onboarding in one call: everything is validated first (company details, file name, file contents),
// so a bad e-mail address fails before the PDF is uploaded; then upload, then submit with IsvTerms = file name.
import type { ClientContext } from '../context.js';
import { ValidationError, type ValidationIssue } from '../errors.js';
import type { TermsFileInput } from '../validation/file.js';
import { companyDetailsSchema, toValidationIssues, type CompanyDetails } from '../validation/schemas.js';
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
  const issues: ValidationIssue[] = [];
  const details = companyDetailsSchema.safeParse(input);
  if (!details.success) issues.push(...toValidationIssues(details.error));
  let prepared: Awaited<ReturnType<typeof validateUpload>> | undefined;
  try {
    prepared = await validateUpload(
      input?.custSpaceId,
      input?.termsFile,
      input?.fileName,
      ctx.maxFileBytes,
      'termsFile',
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // custSpaceId is checked by both; report it once.
    issues.push(...error.issues.filter((issue) => !issue.field.startsWith('custSpaceId') || details.success));
  }
  if (issues.length > 0 || !details.success || prepared === undefined) throw new ValidationError(issues);
  const company: CompanyDetails = details.data;

  const upload = await uploadValidated(ctx, prepared.custSpaceId, prepared.termsFile);
  const submit = await submitValidated(ctx, { ...company, isvTerms: upload.isvTerms });
  return { upload, submit };
}
