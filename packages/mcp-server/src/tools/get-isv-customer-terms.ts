// get_isv_customer_terms: "what is on record for customer X?". Core's readCustomerTerms finds the space's record
// through ListInstance (every page) and maps it; this tool only reads, so it is offered in --read-only mode too.
// It is also what an assistant calls before resending a submission whose outcome was unknown.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { custSpaceId, withStringSpaceId } from './fields.js';
import { runTool, success, type ToolDeps } from './run.js';
import type { ToolModule } from './tool.js';
import { custSpaceIdSchema, ValidationError } from '@chatapp-isv/core';

/** The tool's name. */
export const name = 'get_isv_customer_terms';

/** Input: the space. */
export const inputSchema = z.object({ custSpaceId }).strict();

const text = (what: string) => z.string().optional().describe(what);

/** Output: the record as core maps it (fields the service does not report are absent). */
export const outputSchema = z.object({
  custSpaceId: z.string().describe('The customer space (CustSpaceId).'),
  instanceId: z.string().describe('The record id (InstanceId); differs from the space id for ISV sub-customers.'),
  custName: text('Enterprise name on record (InstanceName; the mapping is inferred, see the README).'),
  officeAddress: text('Office address on record (OfficeAddress).'),
  contactMail: text('Contact e-mail on record (ContactMail).'),
  countryId: text('Country on record (CountryId), as stored.'),
  businessDesc: text('Business scenario on record (InstanceDescription; the mapping is inferred).'),
  isvTerms: text(
    'IsvTerms on record: a file name (legacy writes) or a URL without its query string (instance writes).',
  ),
  termsFileName: text('The agreement file name: isvTerms itself or the last segment of its URL.'),
  state: text('State of the record, e.g. "published".'),
  submitTime: text('When the terms were submitted, as the service reports it.'),
  channelType: text('Channel, e.g. "WHATSAPP".'),
  custType: text('Customer type code, as the service reports it.'),
});

/** Title and annotations: one read (ListInstance pages) against Alibaba Cloud; changes nothing. */
export const config = {
  title: 'Get ISV customer terms',
  description:
    'Read what Alibaba Cloud ChatApp has on record for a customer space (custSpaceId): company fields, isvTerms, state, instanceId, submit time. Use it to answer "what is on record for X?" and before resending a submission whose outcome was unknown. A space without a record is an error result CustomerTerms.NotFound.',
  inputSchema,
  outputSchema,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
};

/** Registers get_isv_customer_terms on `server`. */
export function registerGetIsvCustomerTermsTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (input) =>
    runTool(name, deps, async () => {
      const { args, issues } = withStringSpaceId(input);
      if (issues.length > 0) throw new ValidationError(issues);
      const space = custSpaceIdSchema.safeParse(args.custSpaceId);
      if (!space.success) {
        throw new ValidationError(space.error.issues.map((i) => ({ field: 'custSpaceId', message: i.message })));
      }
      const record = await deps.client().readCustomerTerms({ custSpaceId: space.data });
      // Only defined fields: the output schema has no nulls, and an absent field means "not reported".
      const output = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
      return success(output);
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerGetIsvCustomerTermsTool,
};
