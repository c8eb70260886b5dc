// Retries for transient failures only: throttling (System.LimitControl, Throttling*), 5xx and dropped connections.
// Exponential backoff with full jitter (a random wait between 0 and min(maxDelay, base * 2^n)) spreads retries of
// a burst apart instead of having them collide again. Attempts and total time are both bounded. Each retry goes
// back through the quota limiter (the caller's `run` acquires a slot every time), so retrying never breaks the quota.
import { ChatAppError, OssError } from './errors.js';

/** Retry bounds. */
export interface RetryOptions {
  /** Most attempts per call, the first included (default 6; 1 disables retries). */
  maxAttempts?: number | undefined;
  /** Backoff base in ms (default 200). */
  baseDelayMs?: number | undefined;
  /** Largest single backoff in ms (default 5000). */
  maxDelayMs?: number | undefined;
  /** No retry starts after this many ms since the first attempt began (default 60000). */
  maxElapsedMs?: number | undefined;
}

/** Retry bounds with defaults applied. */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxElapsedMs: number;
}

/** Applies the defaults to retry options. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 6)),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? 200),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? 5000),
    maxElapsedMs: Math.max(0, options.maxElapsedMs ?? 60_000),
  };
}

/** Full-jitter backoff before retry number `retry` (1 = the first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** Socket-level failures worth another try (the request may not have reached the service). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ESOCKETTIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'NetworkError',
  'SocketHangUp',
  'RequestTimeout',
  'RequestTimeoutError',
  'ResponseTimeoutError',
  'ConnectionTimeoutError',
]);

/** Service codes that mean "slow down / try again later". */
function isThrottlingCode(code: string): boolean {
  return (
    code === 'System.LimitControl' ||
    code.startsWith('Throttling') ||
    code === 'ServiceUnavailable' ||
    code === 'SlowDown'
  );
}

/** Codes that are never retried, whatever the HTTP status says. */
const PERMANENT_CODES = new Set([
  'Product.Unsubscript',
  'Ram.PermissionDeny',
  'Unknown.ResourceOwnerId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId',
  'InvalidAccessKeyId.NotFound',
  'InvalidSecurityToken.Expired',
  'MissingParameter',
  'InvalidParameter',
  'AccessDenied',
]);

/** True for network failures, throttling and 5xx from ChatApp or OSS; false for everything else. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ChatAppError) && !(error instanceof OssError)) return false;
  if (PERMANENT_CODES.has(error.code)) return false;
  if (error.httpStatus === undefined) return NETWORK_CODES.has(error.code) || isThrottlingCode(error.code);
  return isThrottlingCode(error.code) || error.httpStatus >= 500;
}

/** What withRetry reports before each retry. */
export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: ChatAppError | OssError;
}

/**
 * Runs `run(attempt)` until it succeeds, throws something not retryable, or the policy's attempts or time run out;
 * then re-throws the last error.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  run: (attempt: number) => Promise<T>,
  onRetry?: (event: RetryEvent) => void,
): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, policy);
      if (performance.now() - started + delayMs > policy.maxElapsedMs) throw error;
      onRetry?.({ attempt, delayMs, error: error as ChatAppError | OssError });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
