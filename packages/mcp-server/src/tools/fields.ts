// The input and output fields the tools share, described once so every tool tells the assistant the same thing.
// Schemas here check shapes only (strings, closed objects); the rules (e-mail, ISO country code, PDF file name,
// lengths) are core's, applied in the handlers so that every broken field is reported at once, by name. The rule
// sentences come from core's FIELD_RULES, so the schema an assistant reads states exactly what core enforces.
import { FIELD_RULES, TERMS_FILE_RULE_DESCRIPTION } from '@chatapp-isv/core';
import { z } from 'zod';

/**
 * `CustSpaceId`: the ISV sub-customer's space id. Many hosts and models send a numeric id as a JSON number, so an
 * integer is accepted too and turned into its decimal string (see {@link normalizeCustSpaceId}).
 */
export const custSpaceId = z
  .union([z.string(), z.number()])
  .describe(
    `Space id of the ISV sub-customer (CustSpaceId), e.g. "293483938849493": ${FIELD_RULES.custSpaceId.description}. A JSON integer is accepted and used as its decimal digits; prefer a string for ids above 9007199254740991.`,
  );

/** One problem with one input field. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * custSpaceId as the decimal string core expects. A string passes unchanged (core checks its characters). A number
 * must be a non-negative safe integer: 1.5 is no space id, and an integer above 2^53 - 1 has already lost digits
 * in JSON parsing, so sending it would name another customer's space.
 */
export function normalizeCustSpaceId(value: string | number): { value: string } | { issue: FieldIssue } {
  if (typeof value === 'string') return { value };
  if (!Number.isInteger(value) || value < 0) {
    return { issue: { field: 'custSpaceId', message: `must be a space id (digits), got the number ${value}` } };
  }
  if (!Number.isSafeInteger(value)) {
    return {
      issue: {
        field: 'custSpaceId',
        message: `the number ${value} is larger than 9007199254740991, so its last digits were lost in JSON; send the id as a string, e.g. "293483938849493"`,
      },
    };
  }
  return { value: String(value) };
}

/**
 * Normalizes `custSpaceId` in a tool's arguments. Returns the arguments with a string id (or none) and the issue,
 * if any; callers merge the issue with core's so one answer lists every problem, and drop core's own complaint
 * about the id when it is there (the id was removed, so core would only repeat "required").
 */
export function withStringSpaceId<T extends { custSpaceId?: string | number | undefined }>(
  args: T,
): { args: Omit<T, 'custSpaceId'> & { custSpaceId?: string }; issues: FieldIssue[] } {
  const { custSpaceId: raw, ...rest } = args;
  if (raw === undefined) return { args: rest, issues: [] };
  const normalized = normalizeCustSpaceId(raw);
  if ('issue' in normalized) return { args: rest, issues: [normalized.issue] };
  return { args: { ...rest, custSpaceId: normalized.value }, issues: [] };
}

/** `ours` followed by `theirs`, minus theirs about fields ours already names. */
export function mergeIssues(ours: readonly FieldIssue[], theirs: readonly FieldIssue[]): FieldIssue[] {
  const named = new Set(ours.map((i) => i.field));
  return [...ours, ...theirs.filter((i) => !named.has(i.field))];
}

/** The six company fields of a submission, as zod fields. */
export const companyFields = {
  custSpaceId,
  custName: z
    .string()
    .describe(`Registered name of the customer enterprise (CustName): ${FIELD_RULES.custName.description}.`),
  officeAddress: z
    .string()
    .describe(`Office address of the customer enterprise (OfficeAddress): ${FIELD_RULES.officeAddress.description}.`),
  contactMail: z
    .string()
    .describe(`Contact e-mail of the customer enterprise (ContactMail): ${FIELD_RULES.contactMail.description}.`),
  countryId: z.string().describe(`Country of the enterprise (CountryId): ${FIELD_RULES.countryId.description}.`),
  businessDesc: z
    .string()
    .describe(
      `Business scenario of the customer (BusinessDesc), e.g. "Marketing": ${FIELD_RULES.businessDesc.description}.`,
    ),
};

/** `IsvTerms`: the bare file name of an uploaded agreement. */
export const isvTerms = z
  .string()
  .describe(
    `File name of the agreement already uploaded for this space (IsvTerms), exactly as returned by upload_isv_terms_file, e.g. "acme-terms.pdf": ${FIELD_RULES.fileName.description}.`,
  );

/** The two ways to hand over the agreement PDF. */
export const fileFields = {
  filePath: z
    .string()
    .optional()
    .describe(
      'Path of the signed agreement PDF inside a directory the server allows (--allow-dir); relative paths start at the first allowed directory. Give either filePath or contentBase64.',
    ),
  contentBase64: z
    .string()
    .optional()
    .describe(
      `The signed agreement PDF, base64-encoded; decoded, ${TERMS_FILE_RULE_DESCRIPTION}. Requires fileName. Give either filePath or contentBase64.`,
    ),
  fileName: z
    .string()
    .optional()
    .describe(
      `Name to store the PDF under, which becomes IsvTerms: ${FIELD_RULES.fileName.description}. Required with contentBase64; defaults to the base name of filePath.`,
    ),
};

/** What an upload produced. */
export const uploadOutput = z.object({
  isvTerms: z.string().describe('The file name to pass as isvTerms to submit_isv_customer_terms.'),
  objectKey: z.string().describe('Where the file was stored in OSS: the authorized folder plus the file name.'),
  sha256: z.string().describe('Hex SHA-256 of the uploaded bytes, to prove which document was sent.'),
  size: z.number().describe('Size of the uploaded file in bytes.'),
});

/** What the write answered. */
export const submitOutput = z.object({
  requestId: z
    .string()
    .describe('RequestId of the write, for support tickets (empty when the record was confirmed by read-back).'),
  code: z.string().describe('The service result code, "OK" on success.'),
  message: z.string().describe('The service result message.'),
  generation: z
    .enum(['legacy', 'instance'])
    .describe(
      'The API generation that carried the write: legacy (SubmitIsvCustomerTerms) or instance (GeneratePresignedUrl + UpdateInstance, used when the legacy action is gone).',
    ),
  attempts: z
    .number()
    .describe('Requests sent, the successful one included (retries of failures that recorded nothing).'),
  recoveredByReadBack: z
    .boolean()
    .optional()
    .describe('True when the answer was lost and reading the record back found exactly what was sent (not resent).'),
});

/** The submit output fields of core's result. */
export function submitFields(result: {
  requestId: string;
  code: string;
  message: string;
  generation: 'legacy' | 'instance';
  attempts: number;
  recoveredByReadBack?: true;
}) {
  return {
    requestId: result.requestId,
    code: result.code,
    message: result.message,
    generation: result.generation,
    attempts: result.attempts,
    ...(result.recoveredByReadBack === true ? { recoveredByReadBack: true } : {}),
  };
}

/** One problem with one input field. */
export const issueOutput = z.object({
  field: z.string().describe('The input field that is wrong, e.g. "contactMail".'),
  message: z.string().describe('What is wrong with it.'),
});
