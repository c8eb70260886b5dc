// Sends one ChatApp RPC call the way the official SDK does (POST, every parameter in the query, empty body) through
// @alicloud/openapi-client, which does the signing: ACS3-HMAC-SHA256 by default. We never sign by hand.
//
// Around the vendor call: credentials are resolved per attempt, a quota slot is taken per attempt (keyed by the
// AccessKey ID and the operation), the vendor's own retry is switched off (it does not retry System.LimitControl
// anyway) in favour of ours, an HTTP 200 whose Code is not OK becomes an error, and whatever the vendor throws is
// rebuilt as a ChatAppError from redacted fields: its errors may carry the signed request.
import type { ClientContext } from '../context.js';
import { ChatAppError, type AccessDeniedDetail } from '../errors.js';
import { emit } from '../events.js';
import { redactSecrets, sanitizeError, scrubUrls } from '../redact.js';
import { withRetry } from '../retry.js';
import { commonJsExports } from '../interop.js';

/**
 * Loads the vendor modules on the first call rather than at import: they are the heaviest part of core, and a front
 * end that starts without calling ChatApp (an MCP server answering tools/list, a validation-only run) never needs
 * them. Node caches the modules, so later calls pay only an already-resolved await.
 */
async function loadVendor() {
  const [openApi, teaUtil] = await Promise.all([import('@alicloud/openapi-client'), import('@alicloud/tea-util')]);
  return { OpenApi: commonJsExports(openApi), TeaUtil: commonJsExports(teaUtil) };
}

/** The cams API version every operation uses. */
export const API_VERSION = '2020-06-06';

/** A successful RPC response body (`Code` is `OK` or absent). */
export type RpcBody = Record<string, unknown>;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** AccessDeniedDetail as a string or a flat copy of the object, every string redacted. */
function deniedDetail(value: unknown, secrets: (string | undefined)[]): AccessDeniedDetail | undefined {
  if (typeof value === 'string') return value === '' ? undefined : redactSecrets(value, secrets);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string') copy[key] = redactSecrets(item, secrets);
    else if (typeof item === 'number' || typeof item === 'boolean') copy[key] = item;
  }
  return copy;
}

/** The limiter key: one window per account and operation. */
export function quotaKey(account: string, operation: string): string {
  return `${account}#${operation}`;
}

/** Rebuilds whatever openapi-client threw as a ChatAppError, keeping no raw vendor object. */
function fromVendorError(
  error: unknown,
  operation: string,
  attempt: number,
  secrets: (string | undefined)[],
): ChatAppError {
  const vendor = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const data = (typeof vendor['data'] === 'object' && vendor['data'] !== null ? vendor['data'] : {}) as Record<
    string,
    unknown
  >;
  const httpStatus = typeof data['statusCode'] === 'number' ? data['statusCode'] : undefined;
  const serviceCode = text(data['Code']) ?? text(data['code']);
  const code = serviceCode ?? text(vendor['code']) ?? (error instanceof Error ? error.name : 'UnknownError');
  const rawMessage =
    text(data['Message']) ?? text(data['message']) ?? scrubUrls(error instanceof Error ? error.message : String(error));
  return new ChatAppError({
    code: redactSecrets(code, secrets),
    message: redactSecrets(rawMessage || 'no message', secrets),
    operation,
    requestId: text(data['RequestId']) ?? text(data['requestId']),
    hostId: text(data['HostId']),
    recommend: text(data['Recommend']),
    httpStatus,
    accessDeniedDetail: deniedDetail(data['AccessDeniedDetail'] ?? vendor['accessDeniedDetail'], secrets),
    attempts: attempt,
    cause: error instanceof Error ? sanitizeError(error, secrets) : undefined,
  });
}

/** How one ChatApp call is sent. */
export interface CallOptions {
  /**
   * False for writes that must not be recorded twice (SubmitIsvCustomerTerms): a timeout or a connection lost after
   * sending is thrown at once (its delivery is unknown) instead of being retried. Default true.
   */
  idempotent?: boolean | undefined;
}

/** A response body and how many attempts it took. */
export interface CallResult {
  body: RpcBody;
  attempts: number;
}

/**
 * Calls `operation` with `query` (PascalCase parameter names), honouring the quota and retrying transient failures.
 * Returns the response body and the attempts made; throws ChatAppError (or ConfigurationError for missing
 * credentials).
 */
export async function sendChatApp(
  ctx: ClientContext,
  operation: string,
  query: Record<string, string>,
  options: CallOptions = {},
): Promise<CallResult> {
  const custSpaceId = ctx.custSpaceId ?? query['CustSpaceId'];
  const { value, attempts } = await withRetry(
    ctx.retry,
    async (attempt, clock) => {
      const credentials = await ctx.credentials();
      const secrets = [credentials.accessKeySecret, credentials.securityToken];
      // Loaded before the quota slot is taken: a cold first load (hundreds of ms on a busy machine) between slot
      // and send would make the first burst arrive late and bunch it against the next second's calls.
      const { OpenApi, TeaUtil } = await loadVendor();
      const queuedAt = performance.now();
      await ctx.limiter.acquire(quotaKey(ctx.quotaKey ?? credentials.accessKeyId, operation));
      clock.queued(performance.now() - queuedAt);
      emit(ctx, 'chatapp request', { type: 'request', operation, attempt, custSpaceId });
      let response: { body?: unknown; statusCode?: number };
      try {
        const client = new OpenApi.default(
          new OpenApi.Config({
            accessKeyId: credentials.accessKeyId,
            accessKeySecret: credentials.accessKeySecret,
            ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
            endpoint: ctx.endpoint.host,
            protocol: ctx.endpoint.protocol,
            regionId: ctx.regionId,
            readTimeout: ctx.timeoutMs,
            connectTimeout: ctx.timeoutMs,
          }),
        );
        const params = new OpenApi.Params({
          action: operation,
          version: API_VERSION,
          protocol: ctx.endpoint.protocol.toUpperCase(),
          pathname: '/',
          method: 'POST',
          authType: 'AK',
          style: 'RPC',
          reqBodyType: 'formData',
          bodyType: 'json',
        });
        const request = new OpenApi.OpenApiRequest({ query });
        const runtime = new TeaUtil.RuntimeOptions({
          autoretry: false,
          maxAttempts: 1,
          readTimeout: ctx.timeoutMs,
          connectTimeout: ctx.timeoutMs,
        });
        clock.sending();
        response = await client.callApi(params, request, runtime);
      } catch (error) {
        throw fromVendorError(error, operation, attempt, secrets);
      }
      const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as RpcBody;
      const code = text(body['Code']);
      if (code !== undefined && code !== 'OK') {
        throw fromVendorError({ data: { ...body, statusCode: response.statusCode } }, operation, attempt, secrets);
      }
      return body;
    },
    {
      idempotent: options.idempotent,
      onRetry: ({ attempt, delayMs, error }) =>
        emit(ctx, 'chatapp retry', {
          type: 'retry',
          operation,
          attempt,
          delayMs,
          code: error.code,
          requestId: error.requestId,
          custSpaceId,
        }),
    },
  );
  return { body: value, attempts };
}

/** sendChatApp for callers that need only the body. */
export async function callChatApp(
  ctx: ClientContext,
  operation: string,
  query: Record<string, string>,
  options: CallOptions = {},
): Promise<RpcBody> {
  return (await sendChatApp(ctx, operation, query, options)).body;
}
