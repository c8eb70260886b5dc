// readCustomerTerms: the record on file for a customer space. It finds the space's instance through ListInstance
// (every page, matched on CustSpaceId, mapping cached per client; see instance-directory.ts) and maps the row in
// instance-record.ts. No record is a CustomerTermsNotFoundError; a refused call is the service's ChatAppError.
import type { ClientContext } from '../context.js';
import { emit } from '../events.js';
import { toCustomerTermsRecord, type CustomerTermsRecord } from '../instance-record.js';
import { custSpaceIdSchema, parseOrThrow } from '../validation/schemas.js';

/** Input of readCustomerTerms. */
export interface ReadCustomerTermsInput {
  /** Space ID of the ISV's customer. */
  custSpaceId: string;
}

/** Reads the record of a validated space. */
export async function readValidated(ctx: ClientContext, custSpaceId: string): Promise<CustomerTermsRecord> {
  const scoped = { ...ctx, custSpaceId };
  const { row, pages } = await ctx.instances.read(scoped, custSpaceId);
  const record = toCustomerTermsRecord(row, custSpaceId);
  emit(ctx, 'customer record read', { type: 'read', custSpaceId, instanceId: record.instanceId, pages });
  return record;
}

/** readCustomerTerms: validate, find, map. */
export async function readCustomerTerms(
  ctx: ClientContext,
  input: ReadCustomerTermsInput,
): Promise<CustomerTermsRecord> {
  return readValidated(ctx, parseOrThrow(custSpaceIdSchema, input?.custSpaceId, 'custSpaceId'));
}
