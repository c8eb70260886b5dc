// ListInstance (the *Instance generation): one page of the account's customer records. Each row carries the
// QueryInstance fields plus CustSpaceId and State, which makes it the only call that links a customer space to its
// InstanceId (there is no CustSpaceId filter: callers page and match). Rows are returned raw; instance-record.ts is
// the one place that maps wire names to ours.
import type { ClientContext } from '../context.js';
import { callChatApp } from '../transport/chat-app-rpc.js';
import { parseOrThrow } from '../validation/schemas.js';
import { z } from 'zod';

/** The operation name. */
export const LIST_INSTANCE = 'ListInstance';

/** Page size when none is given. The service documents no maximum; 50 keeps one page a small response. */
export const DEFAULT_INSTANCE_PAGE_SIZE = 50;

/** Input of listInstances: which page (1-based), how many rows, and the optional filter the read-back uses. */
export interface ListInstancesInput {
  /** 1-based page number (default 1). */
  pageIndex?: number | undefined;
  /** Rows per page (default 50). */
  pageSize?: number | undefined;
  /** Only the record with this InstanceId (a documented filter; results are still matched client-side). */
  instanceId?: string | undefined;
}

/** One page of ListInstance. */
export interface InstancePage {
  /** `TotalCount`: records matching the request, over all pages. */
  totalCount: number;
  /** The rows as sent (wire field names); map them with toCustomerTermsRecord. */
  rows: Record<string, unknown>[];
  requestId: string | undefined;
}

const pageSchema = z.object({
  pageIndex: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
  pageSize: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000'),
  instanceId: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "_" or "-"')
    .optional(),
});

/** Sends one validated ListInstance. */
export async function listInstancePage(ctx: ClientContext, input: ListInstancesInput = {}): Promise<InstancePage> {
  const page = parseOrThrow(pageSchema, {
    pageIndex: input?.pageIndex ?? 1,
    pageSize: input?.pageSize ?? DEFAULT_INSTANCE_PAGE_SIZE,
    instanceId: input?.instanceId,
  });
  const query: Record<string, string> = { PageIndex: String(page.pageIndex), PageSize: String(page.pageSize) };
  if (page.instanceId !== undefined) query['InstanceId'] = page.instanceId;
  const body = await callChatApp(ctx, LIST_INSTANCE, query);
  const data = Array.isArray(body['Data']) ? body['Data'] : [];
  const rows = data.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null);
  const total = Number(body['TotalCount']);
  return {
    totalCount: Number.isFinite(total) && total >= 0 ? total : rows.length,
    rows,
    requestId: typeof body['RequestId'] === 'string' ? body['RequestId'] : undefined,
  };
}
