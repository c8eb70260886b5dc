// submit_isv_customer_terms: step two of the flow. It sends SubmitIsvCustomerTerms for a file that was already
// uploaded; core validates the seven fields first (so a typo never spends quota) and keeps the account within
// its 5 requests/second.
import { validateCustomerTerms } from '@chatapp-isv/core';
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { companyFields, isvTerms, submitOutput } from './fields.js';
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

/** Registers submit_isv_customer_terms on `server`. */
export function registerSubmitIsvCustomerTermsTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (args) =>
    runTool(name, deps, async () => {
      const terms = validateCustomerTerms(args);
      const result = await deps.client().submitIsvCustomerTerms(terms);
      return success({ requestId: result.requestId, code: result.code, message: result.message });
    }),
  );
}
