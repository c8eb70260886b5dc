// @chatapp-isv/core: the public surface, and all of it. The Pulumi provider, the MCP server and direct users
// import only from here. Named exports only; types exported separately.

// The client.
/** Creates the ISV customer-terms client (authorize, upload, submit within the quota). */
export { createIsvTermsClient, DEFAULT_REGION, ENDPOINT_ENV, REGION_ENV } from './client.js';
export type { IsvTermsClient, IsvTermsClientOptions, InstanceList, InstanceRecord } from './client.js';
/** The API generation option (`legacy` | `instance` | `auto`). */
export type { ApiGeneration } from './api-generation.js';
/** Typed progress events (onEvent option; also in each log line's `fields.event`). */
export type { IsvTermsEvent, IsvTermsEventListener, UsedGeneration } from './events.js';
export type { StaticCredentials, CredentialsProvider } from './credentials.js';
export type { Logger } from './logger.js';
export type { GetUploadAuthorizationInput, UploadAuthorization } from './operations/get-upload-authorization.js';
export type { UploadTermsFileInput, UploadResult } from './operations/upload-terms-file.js';
export type {
  CompanyDetailsInput,
  SubmitIsvCustomerTermsInput,
  SubmitResult,
} from './operations/submit-isv-customer-terms.js';
export type { SubmitCustomerTermsInput, SubmitCustomerTermsResult } from './operations/submit-customer-terms.js';
/** What a lost write answer leads to when the record read back does not show it (client option `lostAnswer`). */
export { DEFAULT_LOST_ANSWER_SETTLE_MS } from './settle-by-read-back.js';
export type { LostAnswerPolicy } from './settle-by-read-back.js';

// Read-back (the *Instance generation): the record on file, and the wire mapping it rests on.
export type { ReadCustomerTermsInput } from './operations/read-customer-terms.js';
export type { ListInstancesInput } from './operations/list-instance.js';
export type { QueryInstanceInput } from './operations/query-instance.js';
export type { GeneratePresignedUrlInput, PresignedUrl } from './operations/generate-presigned-url.js';
/** INSTANCE_FIELD_MAP says which field maps to which wire name and which mappings are inferred. */
export { INSTANCE_FIELD_MAP, isvTermsNames } from './instance-record.js';
export type { CustomerTermsRecord, TermsMismatch } from './instance-record.js';

// Quota and retries: inject a limiter to isolate a client or to share a quota beyond this process.
export {
  createQuotaLimiter,
  sharedQuotaLimiter,
  DEFAULT_REQUESTS_PER_SECOND,
  DEFAULT_SAFETY_MARGIN_MS,
} from './quota/limiter.js';
export type { QuotaLimiter, QuotaOptions } from './quota/limiter.js';
export { isRetryable } from './retry.js';
export type { RetryOptions } from './retry.js';

// Error-code classes: what a code means for retrying and whether a failed write may have been recorded. Retry, the
// upload path and the MCP server's hints all read these, whatever the HTTP status.
export { classifyErrorCode, isRetryableCode, deliveryOf, isNetworkCode } from './error-codes.js';
export type { ErrorCodeClass, Delivery } from './error-codes.js';
/** One actionable hint per error class (endpoint, permissions, quota, credentials, file access), in the caller's words. */
export { errorHint, fileAccessHint, fileProblemOf } from './hints.js';
export type { FileProblem, HintNames } from './hints.js';
/** The credential sources of the default chain, in the order they are tried. */
export { CREDENTIAL_SOURCES } from './credentials.js';

// Validation: the same rules the client applies, for other packages to check input early.
export {
  customerTermsSchema,
  companyDetailsSchema,
  fileNameSchema,
  countryIdSchema,
  contactMailSchema,
  custSpaceIdSchema,
  validateCustomerTerms,
  validateCompanyDetails,
} from './validation/schemas.js';
export type { CustomerTerms, CompanyDetails } from './validation/schemas.js';
/** Every field rule once, with the sentence each front end and README shows (one source, checked by tests). */
export { FIELD_RULES, TERMS_FILE_RULE_DESCRIPTION } from './validation/field-rules.js';
export type { FieldRule, RuledField } from './validation/field-rules.js';
export { ruleTextProblem } from './validation/rule-text.js';
export { readTermsFile, showValue, DEFAULT_MAX_FILE_BYTES, DEFAULT_READ_TIMEOUT_MS } from './validation/file.js';
/** Runs several checks and throws one ValidationError listing every problem of all of them. */
export { validateAll, uniqueIssues } from './validation/merge.js';
export type { Check } from './validation/merge.js';
export type { TermsFile, TermsFileInput, ReadTermsFileOptions } from './validation/file.js';
export { ISO_COUNTRY_CODES, isIsoCountryCode } from './validation/countries.js';

// Errors.
export {
  ServiceError,
  ChatAppError,
  OssError,
  OutcomeUnknownError,
  ValidationError,
  ConfigurationError,
} from './errors.js';
export type {
  ValidationIssue,
  ServiceErrorDetails,
  ChatAppErrorDetails,
  OssErrorDetails,
  OutcomeUnknownErrorDetails,
  AccessDeniedDetail,
} from './errors.js';
export { CustomerTermsNotFoundError, TermsVerificationError } from './record-errors.js';
export type { VerificationFailure, VerifiedWrite } from './record-errors.js';

// Redaction, for anything else that must print errors or requests.
export { redactSecrets, redactError, scrubUrls, REDACTED } from './redact.js';
