// The registry of ChatApp RPC operations. To add one: write its module (action, parameter rules, handler) and list
// it here. The operation union (types.ts), the dispatcher (rpc/handle-rpc.ts), stats, faults and seed validation
// all read this list, so nothing else needs to change.
import { createInstance } from './create-instance.js';
import type { OperationDefinition } from './definition.js';
import { deleteInstance } from './delete-instance.js';
import { generatePresignedUrl } from './generate-presigned-url.js';
import { getChatappUploadAuthorization } from './get-chatapp-upload-authorization.js';
import { listInstance } from './list-instance.js';
import { queryInstance } from './query-instance.js';
import { submitIsvCustomerTerms } from './submit-isv-customer-terms.js';
import { updateInstance } from './update-instance.js';

/** Every RPC operation, in the order stats and listings show them. */
export const RPC_OPERATION_DEFINITIONS = [
  getChatappUploadAuthorization,
  submitIsvCustomerTerms,
  createInstance,
  updateInstance,
  queryInstance,
  listInstance,
  deleteInstance,
  generatePresignedUrl,
] as const;

/** The RPC action names, as a type. */
export type RpcAction = (typeof RPC_OPERATION_DEFINITIONS)[number]['action'];

/** The RPC action names, in registry order. */
export const RPC_ACTIONS: readonly RpcAction[] = RPC_OPERATION_DEFINITIONS.map((definition) => definition.action);

const byAction = new Map<string, OperationDefinition>(
  RPC_OPERATION_DEFINITIONS.map((definition) => [definition.action, definition as OperationDefinition]),
);

/** The definition of an action, or undefined for an action the emulator does not serve. */
export function findOperation(action: string): OperationDefinition | undefined {
  return byAction.get(action);
}
