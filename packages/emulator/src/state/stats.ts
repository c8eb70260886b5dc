// Request and rejection counters, per operation and per error code, for `stats()` and `/__emulator/stats`.
import { OPERATIONS, type EmulatorStats, type Operation, type OperationStats } from '../types.js';

/** The counters of one emulator instance. */
export interface StatsRecorder {
  /** Records one finished call: `code` undefined means success. */
  record(operation: Operation | undefined, code: string | undefined): void;
  /** A deep copy of the counters. */
  snapshot(): EmulatorStats;
}

function emptyOperationStats(): OperationStats {
  return { requests: 0, succeeded: 0, rejected: 0, errors: {} };
}

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
    snapshot() {
      const operations = {} as Record<Operation, OperationStats>;
      for (const [name, s] of perOperation) operations[name] = { ...s, errors: { ...s.errors } };
      return { requests: totals.requests, rejected: totals.rejected, errors: { ...totals.errors }, operations };
    },
  };
}
