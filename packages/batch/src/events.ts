// The typed event stream of a batch run. Front ends draw progress from it (the CLI's bar and lines, the MCP
// server's progress notifications) and build their reports from `row-done` results; the engine prints nothing.
import type { PlanCounts, PlanReason, RowAction } from './plan.js';

/** Final status of a row in a run. */
export type RowStatus =
  /** Submitted in this run (or confirmed on record by read-back). */
  | 'submitted'
  /** Submitted in an earlier run of the same journal; nothing sent now. */
  | 'already-submitted'
  /** Failed; `code`, `message` and `retryable` say why. Nothing of it is on record. */
  | 'failed'
  /** A submit was sent but its outcome is not known: check before resubmitting. */
  | 'unknown'
  /** Not started because the run was cancelled. */
  | 'not-started';

/** The outcome of one row. */
export interface RowResult {
  /** The row's id and 1-based record number. */
  readonly id: string;
  readonly row: number;
  readonly custSpaceId: string;
  readonly status: RowStatus;
  /** What the plan said, and why. */
  readonly action: RowAction;
  readonly reason: PlanReason;
  /** The PDF's hash (always known: it was validated). */
  readonly sha256: string;
  /** The submitted file name, once uploaded. */
  readonly isvTerms?: string | undefined;
  /** The OSS object key, once uploaded. */
  readonly objectKey?: string | undefined;
  /** The submission's RequestId, when one was answered. */
  readonly requestId?: string | undefined;
  /** Set when the row was found on record by read-back instead of being (re)sent. */
  readonly confirmedBy?: 'read-back' | undefined;
  /** For failed / unknown rows: the service's or the engine's code, and a message without secrets. */
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  /** For failed rows: whether running again may succeed (throttling, 5xx, network). */
  readonly retryable?: boolean | undefined;
  /** For failed / unknown rows: core's action for the error class (RAM action to grant, quota, endpoint, ...). */
  readonly hint?: string | undefined;
  /** Time spent on the row in this run, in ms. */
  readonly elapsedMs: number;
}

/** Counts at the end of a run. */
export interface BatchSummary {
  readonly total: number;
  readonly submitted: number;
  readonly alreadySubmitted: number;
  readonly failed: number;
  readonly unknown: number;
  readonly notStarted: number;
  /** True when the run was cancelled through its AbortSignal. */
  readonly interrupted: boolean;
  readonly elapsedMs: number;
}

/** Events, in the order they occur. */
export type BatchEvent =
  /** The run begins: how many rows, and what the plan does with them. */
  | { readonly type: 'start'; readonly total: number; readonly counts: PlanCounts }
  /** A row begins its work (not emitted for `skip` and `hold` rows). */
  | { readonly type: 'row-start'; readonly id: string; readonly action: RowAction }
  /** A row reached a journaled step. */
  | {
      readonly type: 'row-step';
      readonly id: string;
      readonly step: 'uploaded' | 'submitting' | 'reading-back';
    }
  /** A row is finished (every row gets exactly one). */
  | { readonly type: 'row-done'; readonly result: RowResult }
  /** Cancellation was seen: no new rows start; rows in flight finish. */
  | { readonly type: 'stopping' }
  /** The run is over. */
  | { readonly type: 'end'; readonly summary: BatchSummary };

/** Receives events; must not throw (a throwing listener is ignored). */
export type BatchEventListener = (event: BatchEvent) => void;
