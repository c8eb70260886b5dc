// The plan: what to do with each validated row given what the journal says. Pure; no I/O.
//   no line for the row, or a line for another version (fields or PDF changed) → onboard (upload + submit)
//   `submitted` for this version                                             → skip
//   `uploaded` for this version (and nothing after, or a failed submit)      → submit, without re-uploading
//   `submitting` or `unknown` (a submit was sent, no answer was journaled)   → read back first when read-back is
//        available; else resubmit only if the caller asked (`resubmitUnknown`), otherwise hold: list and leave alone
//   `validated` or a failed upload                                          → onboard
import type { JournalState } from './journal.js';
import type { ValidatedRow } from './validate-rows.js';

/** What will be done with a row. */
export type RowAction = 'onboard' | 'submit' | 'read-back' | 'skip' | 'hold';

/** Why. */
export type PlanReason =
  | 'new'
  | 'changed'
  | 'retry-after-failure'
  | 'resume-uploaded'
  | 'already-submitted'
  | 'outcome-unknown'
  | 'resubmit-unknown';

/** One planned row. */
export interface PlannedRow {
  readonly row: ValidatedRow;
  readonly action: RowAction;
  readonly reason: PlanReason;
  /** For `submit` / `read-back` / `hold`: the journaled upload this row version already has. */
  readonly upload?: { objectKey: string; sha256: string; isvTerms: string } | undefined;
  /** For `skip`: the RequestId of the earlier submission. */
  readonly requestId?: string | undefined;
}

/** Options of planBatch. */
export interface PlanOptions {
  /** Whether a read-back function will be given to runBatch. */
  readBack: boolean;
  /** Resubmit rows whose earlier submit has an unknown outcome when they cannot be read back. */
  resubmitUnknown?: boolean | undefined;
}

/** Counts of a plan by action. */
export type PlanCounts = Record<RowAction, number>;

/** Plans every row. */
export function planBatch(rows: readonly ValidatedRow[], journal: JournalState, options: PlanOptions): PlannedRow[] {
  return rows.map((row): PlannedRow => {
    const history = journal.rows.get(row.id);
    if (history === undefined) return { row, action: 'onboard', reason: 'new' };
    const { last } = history;
    if (last.fingerprint !== row.fingerprint) return { row, action: 'onboard', reason: 'changed' };
    const upload =
      history.upload === undefined
        ? undefined
        : { objectKey: history.upload.objectKey, sha256: history.upload.sha256, isvTerms: history.upload.isvTerms };
    switch (last.state) {
      case 'submitted':
        return { row, action: 'skip', reason: 'already-submitted', requestId: last.requestId };
      case 'uploaded':
        return { row, action: 'submit', reason: 'resume-uploaded', upload };
      case 'submitting':
      case 'unknown':
        if (options.readBack) return { row, action: 'read-back', reason: 'outcome-unknown', upload };
        if (options.resubmitUnknown === true && upload !== undefined)
          return { row, action: 'submit', reason: 'resubmit-unknown', upload };
        if (options.resubmitUnknown === true) return { row, action: 'onboard', reason: 'resubmit-unknown' };
        return { row, action: 'hold', reason: 'outcome-unknown', upload };
      case 'failed':
        if (last.stage === 'submit' && upload !== undefined)
          return { row, action: 'submit', reason: 'retry-after-failure', upload };
        return { row, action: 'onboard', reason: 'retry-after-failure' };
      case 'validated':
        return { row, action: 'onboard', reason: 'new' };
    }
  });
}

/** How many rows get each action. */
export function countPlan(plan: readonly PlannedRow[]): PlanCounts {
  const counts: PlanCounts = { onboard: 0, submit: 0, 'read-back': 0, skip: 0, hold: 0 };
  for (const entry of plan) counts[entry.action] += 1;
  return counts;
}
