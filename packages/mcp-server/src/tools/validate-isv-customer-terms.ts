// validate_isv_customer_terms: the dry run. It applies core's rules to the company fields, the IsvTerms name and
// the terms file, and reports every problem at once, without credentials and without a single network call, so
// an assistant can fix its input before it spends quota or writes anything.
import { FIELD_RULES, ValidationError } from '@chatapp-isv/core';
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { FileAccessError } from '../files.js';
import { checkCompanyDetails, checkInput, checkIsvTerms } from './check-input.js';
import { companyFields, fileFields, issueOutput, type FieldIssue } from './fields.js';
import type { ToolModule } from './tool.js';
import { runTool, type ToolDeps } from './run.js';
import { hasTermsFile, resolveTermsFile } from './terms-file-input.js';

/** The tool's name. */
export const name = 'validate_isv_customer_terms';

const optional = <T extends z.ZodType>(field: T) => field.optional();

/** Input: every field optional here, so a partial check reports what is missing instead of failing the call. */
export const inputSchema = z
  .object({
    custSpaceId: optional(companyFields.custSpaceId),
    custName: optional(companyFields.custName),
    officeAddress: optional(companyFields.officeAddress),
    contactMail: optional(companyFields.contactMail),
    countryId: optional(companyFields.countryId),
    businessDesc: optional(companyFields.businessDesc),
    isvTerms: z
      .string()
      .optional()
      .describe(
        `Optional: an IsvTerms file name to check, as you would pass it to submit_isv_customer_terms: ${FIELD_RULES.fileName.description}.`,
      ),
    ...fileFields,
  })
  .strict();

/** Output: the verdict, every problem found, and the checked file's fingerprint. */
export const outputSchema = z.object({
  valid: z.boolean().describe('True when every supplied check passed and the six company fields are complete.'),
  issues: z.array(issueOutput).describe('Every problem found, one per field and rule; empty when valid.'),
  file: z
    .object({
      fileName: z.string().describe('The name the file would be stored under (the future isvTerms).'),
      sha256: z.string().describe('Hex SHA-256 of the file.'),
      size: z.number().describe('Size in bytes.'),
    })
    .optional()
    .describe('The checked terms file, when one was given and it passed.'),
});

/** Title and annotations: reads only local input, changes nothing, talks to nobody. */
export const config = {
  title: 'Validate ISV customer terms',
  description:
    'Check the company fields (custSpaceId, custName, officeAddress, contactMail, countryId, businessDesc), an optional isvTerms name and an optional terms PDF against the SubmitIsvCustomerTerms rules. No network call, no credentials needed. Reports every problem at once; the result is an error result when anything is invalid.',
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

function issuesOf(error: unknown): { field: string; message: string }[] {
  if (error instanceof ValidationError) return error.issues.map((i) => ({ field: i.field, message: i.message }));
  if (error instanceof FileAccessError) return [{ field: error.field, message: error.message }];
  throw error;
}

/** Registers validate_isv_customer_terms on `server`. */
export function registerValidateIsvCustomerTermsTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (args) =>
    runTool(name, deps, async (): Promise<CallToolResult> => {
      const { isvTerms, filePath, contentBase64, fileName, ...rest } = args;
      const checkFile = hasTermsFile({ filePath, contentBase64 }) || fileName !== undefined;
      let issues: FieldIssue[] = [];
      let file: { fileName: string; sha256: string; size: number } | undefined;
      try {
        const [, , checked] = await checkInput([
          () => checkCompanyDetails(rest),
          () => (isvTerms === undefined ? undefined : checkIsvTerms(isvTerms)),
          () => (checkFile ? resolveTermsFile({ filePath, contentBase64, fileName }, deps) : undefined),
        ]);
        if (checked !== undefined) file = { fileName: checked.fileName, sha256: checked.sha256, size: checked.size };
      } catch (error) {
        issues = issuesOf(error);
      }
      const output = { valid: issues.length === 0, issues, ...(file !== undefined ? { file } : {}) };
      const text =
        issues.length === 0
          ? `Valid. ${JSON.stringify(output)}`
          : `Invalid input (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
              .map((i) => `- ${i.field}: ${i.message}`)
              .join('\n')}\nHint: correct the named fields; nothing was sent to Alibaba Cloud.`;
      return {
        ...(issues.length > 0 ? { isError: true } : {}),
        content: [{ type: 'text', text: deps.redact(text) }],
        structuredContent: output,
      };
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerValidateIsvCustomerTermsTool,
};
