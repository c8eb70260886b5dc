// UpdateInstance (the *Instance generation): writes company details and the terms URL to an existing record. The
// parameters come from instance-record.ts (the one wire mapping); this module only sends them. Like the legacy
// submission it writes a legal record, so it is sent as not idempotent: a lost answer is never resent blindly
// (write-instance-terms.ts settles it by reading the record back).
import type { ClientContext } from '../context.js';
import { sendChatApp } from '../transport/chat-app-rpc.js';

/** The operation name. */
export const UPDATE_INSTANCE = 'UpdateInstance';

/** Result of an accepted UpdateInstance. */
export interface UpdateInstanceResult {
  requestId: string;
  code: string;
  message: string;
  /** Requests sent, the accepted one included. */
  attempts: number;
  /** `Data` as sent (wire names). */
  data: Record<string, unknown>;
}

/** Sends UpdateInstance with already validated, already mapped parameters (InstanceId, InstanceName, …, IsvTerms). */
export async function updateInstance(ctx: ClientContext, query: Record<string, string>): Promise<UpdateInstanceResult> {
  const { body, attempts } = await sendChatApp(ctx, UPDATE_INSTANCE, query, { idempotent: false });
  return {
    requestId: typeof body['RequestId'] === 'string' ? body['RequestId'] : '',
    code: typeof body['Code'] === 'string' ? body['Code'] : 'OK',
    message: typeof body['Message'] === 'string' ? body['Message'] : '',
    attempts,
    data: (typeof body['Data'] === 'object' && body['Data'] !== null ? body['Data'] : {}) as Record<string, unknown>,
  };
}
