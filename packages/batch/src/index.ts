// @chatapp-isv/batch: the batch onboarding engine, the whole public surface. Built only on @chatapp-isv/core's
// public API; the CLI and the MCP server are front ends over it. The flow: prepareBatch (read rows, validate every
// row and PDF offline, read the journal, plan) → runBatch (upload and submit within core's quota, journaling
// every state change, emitting typed events, honouring an AbortSignal) → buildReport.

// Reading rows and mapping columns.
export { readRows, rowsFromObjects, formatForPath } from './read-rows.js';
export type { InputRow, ReadRowsOptions, ReadRowsResult, RowFormat } from './read-rows.js';
export { ROW_FIELDS, fieldForHeader, mapColumns } from './columns.js';
export type { RowField, ColumnMapping } from './columns.js';

// Offline validation and row fingerprints.
export { validateRows, rowFingerprint } from './validate-rows.js';
export type { ValidatedRow, RowProblem, ValidateRowsOptions, ValidateRowsResult } from './validate-rows.js';

// The journal (JSON Lines, fsync'ed per state change).
export { openJournal, readJournal, foldJournal, JOURNAL_VERSION } from './journal.js';
export type { JournalEntry, JournalWrite, JournalState, JournalWriter, RowHistory, RowState } from './journal.js';

// Planning and resume rules.
export { planBatch, countPlan } from './plan.js';
export type { PlannedRow, RowAction, PlanReason, PlanOptions, PlanCounts } from './plan.js';
export { prepareBatch, defaultJournalPath } from './prepare-batch.js';
export type { PrepareBatchOptions, PreparedBatch } from './prepare-batch.js';

// Running, events and read-back.
export { runBatch, DEFAULT_CONCURRENCY } from './run-batch.js';
export type { BatchClient, BatchResult, RunBatchOptions } from './run-batch.js';
export type { BatchEvent, BatchEventListener, BatchSummary, RowResult, RowStatus } from './events.js';
export { recordMatches, readBackFor } from './read-back.js';
export type { ReadBack, RecordOnFile } from './read-back.js';
export { classifyFailure } from './outcome.js';
export type { StepFailure } from './outcome.js';

// Reports.
export { buildReport, REPORT_COLUMNS } from './report.js';
export type { ReportRow } from './report.js';

// Errors.
export { BatchInputError } from './errors.js';
export type { InputIssue } from './errors.js';
