// The shapes of batch jobs: what a job runs, what its status shows, and the store that starts and tracks them
// (jobs.ts). Kept apart from the store so the tools can name them without the implementation.
import type {
  BatchClient,
  BatchSummary,
  JournalWriter,
  PlannedRow,
  ReportRow,
  RowProblem,
  RowResult,
} from '@chatapp-isv/batch';
import type * as BatchModule from '@chatapp-isv/batch';

/** The engine's module, passed in by the caller that loaded it (on first use: it is not needed to start). */
export type BatchEngine = Pick<typeof BatchModule, 'buildReport' | 'readBackFor' | 'runBatch'>;

/** Core's client as a job needs it: upload, submit, and read back rows whose earlier submit has no known outcome. */
export type JobClient = BatchClient & Parameters<typeof BatchModule.readBackFor>[0];

import type { JobPlanSummary } from './job-journal.js';
import type { Logger } from './logger.js';

/** What a job runs: rows planned against the batch's journal, and that journal open for appending. */
export interface JobInput {
  readonly source: string;
  readonly plan: readonly PlannedRow[];
  readonly summary: JobPlanSummary;
  /** Invalid rows the caller chose to leave out. */
  readonly skipped: readonly RowProblem[];
  /** Closed by the job when it ends. */
  readonly journal: JournalWriter;
}

/** Refused because the most jobs already run at once. */
export class TooManyJobsError extends Error {
  override readonly name = 'TooManyJobsError';
}

/** A job's state. */
export type JobState = 'running' | 'done' | 'cancelled';

/** Counts so far. */
export interface JobCounts {
  readonly total: number;
  readonly done: number;
  readonly submitted: number;
  readonly failed: number;
  readonly unknown: number;
}

/** What the status tool and the resource show. */
export interface JobStatus {
  readonly jobId: string;
  readonly state: JobState;
  readonly source: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly plan: JobPlanSummary;
  readonly counts: JobCounts;
  /** One line per row (finished rows, then invalid rows that were skipped); see REPORT_COLUMNS of the engine. */
  readonly rows: readonly ReportRow[];
  /** The engine's summary, once the job is over. */
  readonly summary?: BatchSummary;
}

/** Called after each finished row (and once at the end) with the counts so far. */
export type JobListener = (status: JobCounts, last: RowResult | undefined) => void;

/** Options for {@link createJobStore}. */
export interface JobStoreOptions {
  /** Core's client (its quota covers every job and every other tool call). */
  readonly client: () => JobClient;
  readonly logger: Logger;
  /** Largest PDF accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Jobs running at once (default 2); more are refused until one ends. */
  readonly maxRunning?: number;
  /** Finished jobs kept for their reports (default 20, oldest dropped first). */
  readonly keepFinished?: number;
}

/** Starts, tracks and reports batch jobs. */
export interface JobStore {
  /** Starts a job over planned rows. @throws TooManyJobsError, BatchAlreadyRunningError (the journal is closed) */
  start(engine: BatchEngine, input: JobInput): string;
  /**
   * Claims a batch's journal from reading it until its job starts, so two calls of the same batch never plan from
   * the same journal and both send what it has not recorded. Returns the release (safe to call more than once).
   * @throws BatchAlreadyRunningError when a running job or another call has it
   */
  claim(journalPath: string): () => void;
  /** The job's status, or undefined for an unknown id. */
  status(jobId: string): JobStatus | undefined;
  /** Ids of the jobs this store knows, oldest first. */
  ids(): string[];
  /** Listens to a job's progress until the returned function is called. */
  listen(jobId: string, listener: JobListener): () => void;
  /** Resolves when the job ends or `ms` pass, whichever is first. */
  waitFor(jobId: string, ms: number, signal?: AbortSignal): Promise<void>;
  /** Stops starting rows of every running job and waits for rows in flight (for shutdown). */
  close(): Promise<void>;
}
