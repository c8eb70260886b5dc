// submit_isv_customer_terms: step two of the flow. It sends SubmitIsvCustomerTerms for a file that was already
// uploaded; core validates the seven fields first (so a typo never spends quota) and keeps the account within
// its 5 requests/second.
import { validateCustomerTerms, ValidationError, type CustomerTerms } from '@chatapp-isv/core';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import type { WritePreview } from '../confirm.js';
import { companyFields, isvTerms, mergeIssues, submitFields, submitOutput, withStringSpaceId } from './fields.js';
import type { ToolModule } from './tool.js';
import { runTool, success, type ToolDeps } from './run.js';

/** The tool's name. */
export const name = 'submit_isv_customer_terms';

/** Input: the seven SubmitIsvCustomerTerms fields, named as in core. */
export const inputSchema = z.object({ ...companyFields, isvTerms }).strict();

/** Output: the service's answer. */
export const outputSchema = submitOutput;

/**
 * Title and annotations: it registers the agreement with Alibaba Cloud. Whether a second submission replaces the
 * first is undocumented, so it is marked destructive and not idempotent.
 */
export const config = {
  title: 'Submit ISV customer terms',
  description:
    'Register a customer agreement with Alibaba Cloud ChatApp (SubmitIsvCustomerTerms): the six company fields plus isvTerms, the file name returned by upload_isv_terms_file. Returns requestId, code and message. Validate first with validate_isv_customer_terms if unsure.',
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
};

/** The preview a person approves before the submission is sent. */
export function submitPreview(terms: CustomerTerms): WritePreview {
  return {
    action: `Submit the signed agreement of ${terms.custName} to Alibaba Cloud ChatApp`,
    details: [
      ['Customer', `${terms.custName} (${terms.countryId})`],
      ['Space', terms.custSpaceId],
      ['File', `${terms.isvTerms} (already uploaded; its size and SHA-256 are in the upload_isv_terms_file result)`],
    ],
  };
}

/** Registers submit_isv_customer_terms on `server`. */
export function registerSubmitIsvCustomerTermsTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (input, ctx) =>
    runTool(name, deps, async () => {
      const { args, issues } = withStringSpaceId(input);
      let terms: CustomerTerms;
      try {
        terms = validateCustomerTerms(args);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        throw new ValidationError(mergeIssues(issues, error.issues));
      }
      if (issues.length > 0) throw new ValidationError(issues);
      const confirmation = await deps.confirmer.confirm(server, ctx, submitPreview(terms));
      if (!confirmation.proceed) return confirmation.result;
      const result = await deps.client().submitIsvCustomerTerms(terms);
      return success(submitFields(result));
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerSubmitIsvCustomerTermsTool,
};
