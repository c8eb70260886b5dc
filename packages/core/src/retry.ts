// Retries for transient failures only: throttling (System.LimitControl, Throttling*), 5xx-class codes (also when the
// service sends them with HTTP 200), refused and dropped connections. What counts as which is error-codes.ts's call.
// Exponential backoff with equal jitter (half of min(maxDelay, base * 2^n), plus a random share of the other half)
// spreads retries of a burst apart instead of having them collide again, and, unlike full jitter, keeps a floor: with
// the defaults the five retries wait at least 3.1 s in all, so a two-second restart of the endpoint (connections
// refused) cannot use up every attempt by bad luck. Attempts and total time are both bounded. Each retry goes
// back through the quota limiter (the caller's `run` acquires a slot every time), so retrying never breaks the quota.
import { deliveryOf, isRetryableCode } from './error-codes.js';
import { ServiceError } from './errors.js';

/** Retry bounds. */
export interface RetryOptions {
  /** Most attempts per call, the first included (default 6; 1 disables retries). */
  maxAttempts?: number | undefined;
  /** Backoff base in ms (default 200). */
  baseDelayMs?: number | undefined;
  /** Largest single backoff in ms (default 5000). */
  maxDelayMs?: number | undefined;
  /**
   * No retry starts after this many ms since the first request was sent, not counting time spent waiting for quota
   * slots (default 60000).
   */
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

/** Equal-jitter backoff before retry number `retry` (1 = the first retry): between half the ceiling and all of it. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/** True for throttling and transient failures (by code, whatever the HTTP status) of ChatApp or OSS calls. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ServiceError && isRetryableCode(error.code, error.httpStatus);
}

/** What withRetry reports before each retry. */
export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: ServiceError;
}

/** Lets an attempt tell the retry budget when its request leaves and how long it queued for the quota. */
export interface AttemptClock {
  /** The request is about to be sent: the budget starts at the first call. */
  sending(): void;
  /** This attempt waited `ms` for a quota slot: not charged to the budget. */
  queued(ms: number): void;
}

/** How withRetry treats a call. */
export interface RetryControl {
  /** Called before each retry. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /**
   * False for writes that must not happen twice: a failure whose delivery is unknown (timeout or connection lost
   * after sending) is thrown at once instead of retried. Failures that provably recorded nothing still are.
   */
  idempotent?: boolean | undefined;
}

/** A successful call and how many attempts it took. */
export interface Attempted<T> {
  value: T;
  attempts: number;
}

/**
 * Runs `run(attempt, clock)` until it succeeds, throws something not retryable, or the policy's attempts or time run
 * out; then re-throws the last error (its `attempts` field says how many were made).
 *
 * The time budget (`maxElapsedMs`) starts when the first request is sent, not when the call was queued, and time
 * spent waiting for quota slots is not charged to it: a call late in a large batch gets the same chances as the
 * first one. Bound: a call ends at most `maxElapsedMs` + one request timeout after its first request left, plus
 * whatever it waits for quota slots.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  run: (attempt: number, clock: AttemptClock) => Promise<T>,
  control: RetryControl = {},
): Promise<Attempted<T>> {
  let firstSentAt: number | undefined;
  let queuedSinceFirstSend = 0;
  const clock: AttemptClock = {
    sending() {
      firstSentAt ??= performance.now();
    },
    queued(ms) {
      if (firstSentAt !== undefined) queuedSinceFirstSend += ms;
    },
  };
  const elapsed = () => (firstSentAt === undefined ? 0 : performance.now() - firstSentAt - queuedSinceFirstSend);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { value: await run(attempt, clock), attempts: attempt };
    } catch (error) {
      if (!isRetryable(error) || attempt >= policy.maxAttempts) throw error;
      const failure = error as ServiceError;
      if (control.idempotent === false && deliveryOf(failure.code, failure.httpStatus) === 'unknown') throw error;
      const delayMs = backoffDelay(attempt, policy);
      if (elapsed() + delayMs > policy.maxElapsedMs) throw error;
      control.onRetry?.({ attempt, delayMs, error: failure });
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
