// Input rules for SubmitIsvCustomerTerms, checked before any network call so a typo costs nothing and never
// spends quota. The schemas are exported so the Pulumi provider and the MCP server validate exactly as we do.
// Every string is trimmed first; messages name the field (via the issue path) and say what is wrong.
import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { isIsoCountryCode } from './countries.js';
import { FIELD_RULES } from './field-rules.js';

/** Longest file name we accept (the service documents none; keeps object keys short). */
export const MAX_FILE_NAME_LENGTH = FIELD_RULES.fileName.maxLength;

// Characters the service refuses in any field (the emulator answers InvalidParameter for C0 controls and DEL), plus
// what cannot be a single-line text value at all: C1 controls, the Unicode line and paragraph separators and the
// noncharacters U+FFFE/U+FFFF. Refused here, per field, so a bad name fails before the agreement is uploaded.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;

// A high surrogate not followed by a low one, or a low one not preceded by a high one: not encodable as UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why `text` cannot be sent, or undefined when it can: lone surrogates and forbidden characters, with position. */
export function textProblem(text: string): string | undefined {
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) {
    return `must be valid Unicode text (a lone surrogate, ${codePoint(lone[0])} at position ${lone.index + 1}, cannot be sent)`;
  }
  const match = FORBIDDEN_CHARACTER.exec(text);
  if (match !== null) {
    return `must not contain control characters or line breaks (${codePoint(match[0])} at position ${match.index + 1})`;
  }
  return undefined;
}

function requiredText(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, { error: 'must not be empty', abort: true })
    .superRefine((text, ctx) => {
      const problem = textProblem(text);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem, continue: false });
    })
    .max(max, { error: `must be at most ${max} characters`, abort: true });
}

/** A space ID: letters, digits, `-` and `_` only (it travels in a query string and keys the caches). */
export const custSpaceIdSchema = requiredText(FIELD_RULES.custSpaceId.maxLength).regex(
  /^[A-Za-z0-9_-]+$/,
  'must contain only letters, digits, "_" or "-"',
);

/** A plain PDF file name: no path separators or special characters, ending in `.pdf`. */
export const fileNameSchema = requiredText(MAX_FILE_NAME_LENGTH)
  .refine((name) => !/[/\\]/.test(name), {
    error: 'must be a plain file name without path separators ("/" or "\\")',
    abort: true,
  })
  .refine(
    (name) => /^[A-Za-z0-9._-]+$/.test(name),
    'must contain only letters, digits, ".", "_" or "-" (no spaces or special characters)',
  )
  .refine((name) => /^[A-Za-z0-9]/.test(name), 'must start with a letter or a digit')
  .refine((name) => /\.pdf$/i.test(name) && name.length > 4, 'must end in ".pdf"');

/** An ISO 3166-1 alpha-2 country code; case-insensitive on input, upper case on output. */
export const countryIdSchema = requiredText(FIELD_RULES.countryId.maxLength)
  .toUpperCase()
  .refine(isIsoCountryCode, 'must be an ISO 3166-1 alpha-2 country code such as "CN", "SG" or "ID"');

/** An e-mail address of at most 128 characters. */
export const contactMailSchema = requiredText(FIELD_RULES.contactMail.maxLength).pipe(
  z.email('must be an e-mail address such as "legal@example.com"'),
);

/** The six company fields of a submission (everything but the terms file). */
export const companyDetailsSchema = z.object({
  custSpaceId: custSpaceIdSchema,
  custName: requiredText(FIELD_RULES.custName.maxLength),
  officeAddress: requiredText(FIELD_RULES.officeAddress.maxLength),
  contactMail: contactMailSchema,
  countryId: countryIdSchema,
  businessDesc: requiredText(FIELD_RULES.businessDesc.maxLength),
});

/** The seven request fields of SubmitIsvCustomerTerms; `isvTerms` is the uploaded file's bare name. */
export const customerTermsSchema = companyDetailsSchema.extend({ isvTerms: fileNameSchema });

/** Validated company details (trimmed, country code upper case). */
export type CompanyDetails = z.output<typeof companyDetailsSchema>;
/** Validated SubmitIsvCustomerTerms input. */
export type CustomerTerms = z.output<typeof customerTermsSchema>;

/** Turns zod issues into our field-named issues. `prefix` names the field when the schema is a bare value. */
export function toValidationIssues(error: z.ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = [prefix, path].filter((part) => part !== undefined && part !== '').join('.') || 'input';
    const message =
      issue.code === 'invalid_type' && issue.path.length === 0 && prefix === undefined
        ? 'must be an object'
        : issue.message;
    return { field, message };
  });
}

/** Parses `input` with `schema`, throwing a ValidationError that names each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, field?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toValidationIssues(result.error, field));
  return result.data;
}

/**
 * Validates the seven SubmitIsvCustomerTerms fields; returns the trimmed values or throws ValidationError.
 *
 * @example
 * ```ts
 * import { validateCustomerTerms, ValidationError } from '@chatapp-isv/core';
 *
 * try {
 *   validateCustomerTerms({ custSpaceId: 'space.01' });
 * } catch (error) {
 *   if (error instanceof ValidationError) for (const issue of error.issues) console.log(issue.field, issue.message);
 * }
 * ```
 * @throws ValidationError naming every bad field (core's option names: `custSpaceId`, `isvTerms`, ...)
 */
export function validateCustomerTerms(input: unknown): CustomerTerms {
  return parseOrThrow(customerTermsSchema, input);
}

/** Validates the six company fields; returns the trimmed values or throws ValidationError. */
export function validateCompanyDetails(input: unknown): CompanyDetails {
  return parseOrThrow(companyDetailsSchema, input);
}
