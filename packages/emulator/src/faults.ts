// Fault injection per operation: latency, 5xx answers, connection resets and forced throttling, optionally
// limited to the next N calls. Injected failures happen before any state changes, so a retry is always safe.
// One more fault exists because the service may report a business error as HTTP 200 with `Code != "OK"`, and the
// official SDK does not throw on a 2xx, so a client must read the body's Code: `okStatusErrorCode` answers 200 with
// an error body, and only once the caller has authenticated, so a bad signature still gets its own error and the
// fault's `count` is spent on real callers only.
// `latencyAfterMs` delays the answer to a call that was handled and recorded: the lost-answer case of a write.
import {
  OK_STATUS_ERROR_CODES,
  OPERATIONS,
  RPC_OPERATIONS,
  type FaultSpec,
  type OkStatusErrorCode,
  type Operation,
} from './types.js';

/** What to do to one call. */
export interface FaultDecision {
  readonly latencyMs: number;
  /** Wait before answering a handled RPC call (the write is recorded, the answer comes late). */
  readonly latencyAfterMs: number;
  readonly outcome: 'none' | 'reset' | 'error' | 'throttle';
  readonly errorCode: 'ServiceUnavailable' | 'InternalError';
}

/** The fault table of one emulator instance. */
export interface FaultTable {
  set(operation: Operation, fault: FaultSpec): void;
  clear(operation?: Operation): void;
  /** Draws the fault for the next call of `operation` (consuming one from `count`, except for ok-status faults). */
  next(operation: Operation): FaultDecision;
  /** For an authenticated RPC call: the code to answer with HTTP 200, if any (consuming one from `count`). */
  takeOkStatusError(operation: Operation): OkStatusErrorCode | undefined;
}

interface ActiveFault {
  readonly spec: FaultSpec;
  remaining: number | undefined;
}

function rate(value: unknown, field: string): void {
  if (value !== undefined && (typeof value !== 'number' || !(value >= 0 && value <= 1))) {
    throw new TypeError(`fault.${field} must be a number between 0 and 1`);
  }
}

/** Checks an operation name from untrusted input. */
export function assertOperation(value: unknown): asserts value is Operation {
  if (typeof value !== 'string' || !(OPERATIONS as readonly string[]).includes(value)) {
    throw new TypeError(`operation must be one of ${OPERATIONS.join(', ')}`);
  }
}

/** Validates a fault from untrusted input (e.g. the HTTP fault endpoint) and returns a clean copy. */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null) throw new TypeError('fault must be an object');
  const f = input as Record<string, unknown>;
  const spec: FaultSpec = {};
  if (f.latencyMs !== undefined) {
    if (typeof f.latencyMs !== 'number' || !(f.latencyMs >= 0 && f.latencyMs <= 600_000)) {
      throw new TypeError('fault.latencyMs must be a number of milliseconds between 0 and 600000');
    }
    spec.latencyMs = f.latencyMs;
  }
  rate(f.errorRate, 'errorRate');
  rate(f.resetRate, 'resetRate');
  rate(f.throttleRate, 'throttleRate');
  rate(f.okStatusErrorRate, 'okStatusErrorRate');
  if (typeof f.throttleRate === 'number') spec.throttleRate = f.throttleRate;
  if (f.latencyAfterMs !== undefined) {
    if (typeof f.latencyAfterMs !== 'number' || !(f.latencyAfterMs >= 0 && f.latencyAfterMs <= 600_000)) {
      throw new TypeError('fault.latencyAfterMs must be a number of milliseconds between 0 and 600000');
    }
    spec.latencyAfterMs = f.latencyAfterMs;
  }
  if (typeof f.errorRate === 'number') spec.errorRate = f.errorRate;
  if (typeof f.resetRate === 'number') spec.resetRate = f.resetRate;
  if (f.errorCode !== undefined) {
    if (f.errorCode !== 'ServiceUnavailable' && f.errorCode !== 'InternalError') {
      throw new TypeError('fault.errorCode must be ServiceUnavailable or InternalError');
    }
    spec.errorCode = f.errorCode;
  }
  if (f.throttle !== undefined) {
    if (typeof f.throttle !== 'boolean') throw new TypeError('fault.throttle must be a boolean');
    spec.throttle = f.throttle;
  }
  if (f.okStatusErrorCode !== undefined) {
    if (!(OK_STATUS_ERROR_CODES as readonly unknown[]).includes(f.okStatusErrorCode)) {
      throw new TypeError(`fault.okStatusErrorCode must be one of ${OK_STATUS_ERROR_CODES.join(', ')}`);
    }
    const clashing = ['errorRate', 'errorCode', 'resetRate', 'throttle', 'throttleRate'].filter(
      (field) => f[field] !== undefined,
    );
    if (typeof f.okStatusErrorRate === 'number') spec.okStatusErrorRate = f.okStatusErrorRate;
    else if (clashing.length > 0) {
      throw new TypeError(`fault.okStatusErrorCode cannot be combined with fault.${clashing.join(', fault.')}`);
    }
    spec.okStatusErrorCode = f.okStatusErrorCode as OkStatusErrorCode;
  }
  if (f.okStatusErrorRate !== undefined && f.okStatusErrorCode === undefined) {
    throw new TypeError('fault.okStatusErrorRate needs fault.okStatusErrorCode');
  }
  if (f.count !== undefined) {
    if (typeof f.count !== 'number' || !Number.isInteger(f.count) || f.count < 1) {
      throw new TypeError('fault.count must be a positive integer');
    }
    spec.count = f.count;
  }
  return spec;
}

/** Creates a fault table; `baseLatency` is the seed/option latency added to every call. */
export function createFaultTable(
  baseLatency: Partial<Record<Operation, number>>,
  random: () => number = Math.random,
): FaultTable {
  const active = new Map<Operation, ActiveFault>();
  return {
    set(operation, fault) {
      assertOperation(operation);
      const spec = parseFaultSpec(fault);
      if (spec.okStatusErrorCode !== undefined && !RPC_OPERATIONS.includes(operation)) {
        throw new TypeError(
          `fault.okStatusErrorCode applies to RPC operations only (${RPC_OPERATIONS.join(', ')}), not ${operation}`,
        );
      }
      active.set(operation, { spec, remaining: spec.count });
    },
    clear(operation) {
      if (operation === undefined) active.clear();
      else active.delete(operation);
    },
    next(operation) {
      const base = baseLatency[operation] ?? 0;
      const fault = active.get(operation);
      if (!fault) return { latencyMs: base, latencyAfterMs: 0, outcome: 'none', errorCode: 'ServiceUnavailable' };
      const latencyAfterMs = fault.spec.latencyAfterMs ?? 0;
      if (fault.spec.okStatusErrorCode !== undefined && fault.spec.okStatusErrorRate === undefined) {
        return {
          latencyMs: base + (fault.spec.latencyMs ?? 0),
          latencyAfterMs,
          outcome: 'none',
          errorCode: 'ServiceUnavailable',
        };
      }
      if (fault.remaining !== undefined && --fault.remaining <= 0) active.delete(operation);
      const { spec } = fault;
      const errorRate = spec.errorRate ?? (spec.errorCode ? 1 : 0);
      let outcome: FaultDecision['outcome'] = 'none';
      if (spec.resetRate !== undefined && random() < spec.resetRate) outcome = 'reset';
      else if (errorRate > 0 && random() < errorRate) outcome = 'error';
      else if (spec.throttle || (spec.throttleRate !== undefined && random() < spec.throttleRate)) outcome = 'throttle';
      return {
        latencyMs: base + (spec.latencyMs ?? 0),
        latencyAfterMs,
        outcome,
        errorCode: spec.errorCode ?? 'ServiceUnavailable',
      };
    },
    takeOkStatusError(operation) {
      const fault = active.get(operation);
      const code = fault?.spec.okStatusErrorCode;
      if (fault === undefined || code === undefined) return undefined;
      // A rate-based ok-status fault is one of several outcomes; its `count` is spent by next().
      if (fault.spec.okStatusErrorRate !== undefined) return random() < fault.spec.okStatusErrorRate ? code : undefined;
      if (fault.remaining !== undefined && --fault.remaining <= 0) active.delete(operation);
      return code;
    },
  };
}
