// Request and rejection counters, per operation and per error code, and the arrival times at the quota check, for
// `stats()` and `/__emulator/stats`.
import { OPERATIONS, type EmulatorStats, type Operation, type OperationStats } from '../types.js';

/** The counters of one emulator instance. */
export interface StatsRecorder {
  /** Records one finished call: `code` undefined means success. */
  record(operation: Operation | undefined, code: string | undefined): void;
  /** Records when a call of `account` reached the quota check of `operation`. */
  arrival(operation: Operation, account: string, at: number): void;
  /** A deep copy of the counters. */
  snapshot(): EmulatorStats;
}

function emptyOperationStats(): OperationStats {
  return { requests: 0, succeeded: 0, rejected: 0, errors: {}, arrivals: {} };
}

/** Arrival times kept per account and operation (a long-running emulator must not grow without bound). */
const MAX_ARRIVALS = 10_000;

/** Creates zeroed counters. */
export function createStatsRecorder(): StatsRecorder {
  const totals = { requests: 0, rejected: 0, errors: {} as Record<string, number> };
  const perOperation = new Map<Operation, OperationStats>(OPERATIONS.map((op) => [op, emptyOperationStats()]));
  return {
    record(operation, code) {
      totals.requests++;
      const op = operation ? perOperation.get(operation) : undefined;
      if (op) op.requests++;
      if (code === undefined) {
        if (op) op.succeeded++;
        return;
      }
      totals.rejected++;
      totals.errors[code] = (totals.errors[code] ?? 0) + 1;
      if (op) {
        op.rejected++;
        op.errors[code] = (op.errors[code] ?? 0) + 1;
      }
    },
    arrival(operation, account, at) {
      const op = perOperation.get(operation);
      if (!op) return;
      const times = (op.arrivals[account] ??= []);
      times.push(at);
      if (times.length > MAX_ARRIVALS) times.splice(0, times.length - MAX_ARRIVALS);
    },
    snapshot() {
      const operations = {} as Record<Operation, OperationStats>;
      for (const [name, s] of perOperation)
        operations[name] = {
          ...s,
          errors: { ...s.errors },
          arrivals: Object.fromEntries(Object.entries(s.arrivals).map(([account, times]) => [account, [...times]])),
        };
      return { requests: totals.requests, rejected: totals.rejected, errors: { ...totals.errors }, operations };
    },
  };
}
