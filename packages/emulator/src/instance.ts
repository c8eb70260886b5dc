// Everything one emulator instance owns, built once by startEmulator and handed to the front ends explicitly.
import type { NonceCache } from './auth/nonce-cache.js';
import type { FaultTable } from './faults.js';
import type { OperationContext } from './operations/context.js';
import type { RateLimiter } from './state/rate-limiter.js';
import type { StatsRecorder } from './state/stats.js';
import type { Operation } from './types.js';

/** Per-instance state and settings shared by the RPC, OSS and inspection front ends. */
export interface EmulatorInstance extends OperationContext {
  readonly stats: StatsRecorder;
  readonly faults: FaultTable;
  readonly limiter: RateLimiter;
  readonly nonces: NonceCache;
  readonly clockSkewMs: number;
  /** Accepted calls per account per second for an operation. */
  quotaFor(operation: Operation): number;
  /** RPC actions currently withdrawn (they answer `InvalidAction.NotFound`). */
  readonly withdrawn: Set<string>;
  /** Waits `ms`, or rejects once the emulator is closing. */
  sleep(ms: number): Promise<void>;
}

/** What a front end answers: a response, or a connection reset (fault injection). */
export type Reply =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Record<string, string>;
      readonly body: Buffer;
    }
  | { readonly kind: 'reset' };

/** A JSON response. */
export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    kind: 'response',
    status,
    headers: { 'content-type': 'application/json;charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}
