// QueryInstance (the *Instance generation): one record by InstanceId. It has no CustSpaceId and no State, so the
// read-back goes through ListInstance; this call is for callers who already hold an InstanceId.
import type { ClientContext } from '../context.js';
import { callChatApp } from '../transport/chat-app-rpc.js';
import { custSpaceIdSchema, parseOrThrow } from '../validation/schemas.js';

/** The operation name. */
export const QUERY_INSTANCE = 'QueryInstance';

/** Input of queryInstance. */
export interface QueryInstanceInput {
  /** The record's InstanceId (from ListInstance or a CustomerTermsRecord). */
  instanceId: string;
}

/** QueryInstance's Data as sent (wire field names), and the RequestId. */
export interface InstanceData {
  data: Record<string, unknown>;
  requestId: string | undefined;
}

/** Validates the InstanceId (same character rules as a space ID) and calls QueryInstance. */
export async function queryInstance(ctx: ClientContext, input: QueryInstanceInput): Promise<InstanceData> {
  const instanceId = parseOrThrow(custSpaceIdSchema, input?.instanceId, 'instanceId');
  const body = await callChatApp(ctx, QUERY_INSTANCE, { InstanceId: instanceId });
  const data = typeof body['Data'] === 'object' && body['Data'] !== null ? body['Data'] : {};
  return {
    data: data as Record<string, unknown>,
    requestId: typeof body['RequestId'] === 'string' ? body['RequestId'] : undefined,
  };
}
