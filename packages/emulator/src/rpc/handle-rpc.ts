// The ChatApp RPC front end. Check order (documented in the README): action (a withdrawn one is unknown) and
// version → injected faults → signature/authentication → injected ok-status error → quota → subscription → RAM
// permission → parameters → resource ownership → business logic. Each refusal is the service's JSON error body
// with its HTTP status; HTTP 200 means success, except for an injected ok-status error (an error body with HTTP
// 200, as the service may send).
import { readAcs3Claim } from '../auth/acs3.js';
import { authenticateRpc } from '../auth/rpc-claim.js';
import { readRpcV1Claim } from '../auth/rpc-v1.js';
import { jsonReply, type EmulatorInstance, type Reply } from '../instance.js';
import { newRpcRequestId, okStatusFaultError, rpcErrors, ServiceError } from '../errors.js';
import { readArgs, type OperationDefinition } from '../operations/definition.js';
import { findOperation } from '../operations/index.js';
import type { Operation } from '../types.js';
import { header, type RpcRequest } from './request.js';

const API_VERSION = '2020-06-06';

/**
 * The action or version, from its header or its parameter. When both are sent they must agree: under the legacy
 * signature the header is unsigned, so a mismatch could steer a signed call to an action its signer never named.
 */
function routingValue(req: RpcRequest, headerName: string, paramName: string): string | undefined {
  const fromHeader = header(req, headerName);
  const fromParam = req.params.get(paramName);
  if (fromHeader !== undefined && fromParam !== undefined && fromHeader !== fromParam) {
    throw rpcErrors.invalidParameter(paramName, `it disagrees with the ${headerName} header.`);
  }
  return fromHeader ?? fromParam;
}

/**
 * Renders a ServiceError as Alibaba's JSON error body; `withSuccess` adds `Success: false` (for the operations whose
 * SDK models carry `Success`).
 */
export function rpcErrorReply(error: ServiceError, requestId: string, hostId: string, withSuccess = false): Reply {
  return jsonReply(
    error.status,
    {
      RequestId: requestId,
      HostId: hostId,
      Code: error.code,
      Message: error.message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=cams&requestId=${requestId}`,
      ...error.extra,
      ...(withSuccess ? { Success: false } : {}),
    },
    { 'x-acs-request-id': requestId },
  );
}

/** Handles one RPC call; `build` parses lazily so a malformed request becomes an error reply, not a crash. */
export async function handleRpc(
  build: () => RpcRequest,
  rawPath: string,
  hostId: string,
  arrivedAt: number,
  core: EmulatorInstance,
): Promise<Reply> {
  const requestId = newRpcRequestId();
  let operation: Operation | undefined;
  let definition: OperationDefinition | undefined;
  try {
    const req = build();
    if (req.method !== 'GET' && req.method !== 'POST') throw rpcErrors.unsupportedMethod();
    const action = routingValue(req, 'x-acs-action', 'Action');
    // A withdrawn action answers exactly like one that never existed, as the gateway does for a removed API.
    definition = action === undefined || core.withdrawn.has(action) ? undefined : findOperation(action);
    if (!definition) throw rpcErrors.actionNotFound();
    operation = definition.action as Operation;
    if (routingValue(req, 'x-acs-version', 'Version') !== API_VERSION) throw rpcErrors.invalidVersion();

    const fault = core.faults.next(operation);
    if (fault.latencyMs > 0) await core.sleep(fault.latencyMs);
    if (fault.outcome === 'reset') {
      core.stats.record(operation, 'ConnectionReset');
      return { kind: 'reset' };
    }
    if (fault.outcome === 'error') {
      throw fault.errorCode === 'InternalError' ? rpcErrors.internalError() : rpcErrors.serviceUnavailable();
    }
    if (fault.outcome === 'throttle') throw rpcErrors.limitControl();

    const useAcs3 =
      header(req, 'authorization') !== undefined ||
      (header(req, 'x-acs-action') !== undefined && !req.params.has('Signature') && !req.params.has('AccessKeyId'));
    const claim = useAcs3 ? readAcs3Claim(req, rawPath) : readRpcV1Claim(req);
    const caller = authenticateRpc(claim, core);
    const { account } = caller;

    const okStatusCode = core.faults.takeOkStatusError(operation);
    if (okStatusCode !== undefined) {
      core.stats.record(operation, okStatusCode);
      return rpcErrorReply(okStatusFaultError(okStatusCode), requestId, hostId, definition.successField);
    }

    core.stats.arrival(operation, account.accessKeyId, arrivedAt);
    if (!core.limiter.tryAcquire(`${account.accessKeyId}\u0000${operation}`, arrivedAt, core.quotaFor(operation))) {
      throw rpcErrors.limitControl();
    }
    if (!account.subscribed) throw rpcErrors.unsubscribed();
    const ramAction = `cams:${definition.action}`;
    if (account.deniedActions.includes(ramAction) || account.deniedActions.includes('cams:*')) {
      throw rpcErrors.permissionDenied(ramAction, caller.accessKeyId);
    }

    const args = readArgs(definition.params, req.params);
    const result = definition.handle(args, { params: req.params, caller, requestId }, core);
    core.stats.record(operation, undefined);
    if (fault.latencyAfterMs > 0) await core.sleep(fault.latencyAfterMs);
    return jsonReply(
      200,
      {
        RequestId: requestId,
        Code: 'OK',
        Message: 'OK',
        ...(definition.successField ? { Success: true } : {}),
        ...result,
      },
      { 'x-acs-request-id': requestId },
    );
  } catch (error) {
    const serviceError = error instanceof ServiceError ? error : rpcErrors.internalError();
    core.stats.record(operation, serviceError.code);
    return rpcErrorReply(serviceError, requestId, hostId, definition?.successField ?? false);
  }
}
