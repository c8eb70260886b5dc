// Batch onboarding as a job. A host ends a silent tool call after about 60 s, and 100 customers at 5 requests/s per
// operation take longer than that, so the batch tool starts the work here and returns a job id at once; the
// status tool and the job's resource report it row by row while it runs and after it ends.
//
// The work itself is @chatapp-isv/batch's engine (the same one the CLI runs): validated rows, planned and run
// within core's quota, one typed event per step, every step journaled (job-journal.ts) before it is taken. The
// job records themselves live in this process's memory: a restart forgets the ids, while the journal lets the same
// batch, started again, resume without sending a row twice.
import { randomUUID } from 'node:crypto';

import type { BatchSummary, RowProblem, RowResult } from '@chatapp-isv/batch';

import { BatchAlreadyRunningError, type JobPlanSummary } from './job-journal.js';
import {
  TooManyJobsError,
  type BatchEngine,
  type JobCounts,
  type JobInput,
  type JobListener,
  type JobState,
  type JobStatus,
  type JobStore,
  type JobStoreOptions,
} from './job-types.js';

/** A job in the store. */
interface Job {
  readonly id: string;
  readonly source: string;
  readonly journalPath: string;
  readonly plan: JobPlanSummary;
  readonly startedAt: Date;
  finishedAt?: Date;
  state: JobState;
  readonly total: number;
  readonly results: RowResult[];
  readonly skipped: readonly RowProblem[];
  summary?: BatchSummary;
  readonly listeners: Set<JobListener>;
  readonly abort: AbortController;
  /** Settles when the run is over and the job's end is recorded. */
  finished: Promise<void>;
  readonly engine: BatchEngine;
}

/** The counts of a job so far. */
function countsOf(job: Job): JobCounts {
  let submitted = 0;
  let failed = 0;
  let unknown = 0;
  for (const r of job.results) {
    if (r.status === 'submitted' || r.status === 'already-submitted') submitted += 1;
    else if (r.status === 'failed') failed += 1;
    else if (r.status === 'unknown') unknown += 1;
  }
  return { total: job.total, done: job.results.length, submitted, failed, unknown };
}

/** Builds an empty store. */
export function createJobStore(options: JobStoreOptions): JobStore {
  const jobs = new Map<string, Job>();
  const maxRunning = options.maxRunning ?? 2;
  const keepFinished = options.keepFinished ?? 20;

  const prune = () => {
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - keepFinished))) jobs.delete(job.id);
  };

  const claimed = new Set<string>();
  const runningOn = (journalPath: string) =>
    [...jobs.values()].find((j) => j.state === 'running' && j.journalPath === journalPath)?.id;

  function claim(journalPath: string): () => void {
    const twin = runningOn(journalPath);
    if (twin !== undefined || claimed.has(journalPath)) throw new BatchAlreadyRunningError(twin);
    claimed.add(journalPath);
    // Once the job runs, runningOn keeps the journal taken; the claim only spans the call that starts it.
    return () => claimed.delete(journalPath);
  }

  function start(engine: BatchEngine, input: JobInput): string {
    const { source, plan, skipped, journal } = input;
    const running = [...jobs.values()].filter((j) => j.state === 'running').length;
    // Two runs of one journal would both send the rows it has not recorded yet.
    const twin = runningOn(journal.path);
    if (running >= maxRunning || twin !== undefined) {
      void journal.close();
      if (twin !== undefined) throw new BatchAlreadyRunningError(twin);
      throw new TooManyJobsError(`${running} batch jobs are running; wait for one to finish`);
    }
    const id = randomUUID();
    const abort = new AbortController();
    const client = options.client();
    const job: Job = {
      id,
      source,
      journalPath: journal.path,
      plan: input.summary,
      startedAt: new Date(),
      state: 'running',
      total: plan.length,
      results: [],
      skipped,
      listeners: new Set(),
      abort,
      engine,
      finished: Promise.resolve(),
    };
    const run = engine.runBatch({
      client,
      plan,
      journal,
      // Rows the journal left `submitting`/`unknown` are settled from the record, never resent blindly.
      readBack: engine.readBackFor(client),
      signal: abort.signal,
      maxFileBytes: options.maxFileBytes,
      hintNames: { endpoint: '--endpoint / CHATAPP_ISV_ENDPOINT' },
      onEvent: (event) => {
        if (event.type !== 'row-done') return;
        job.results.push(event.result);
        const counts = countsOf(job);
        for (const listener of job.listeners) listener(counts, event.result);
      },
    });
    job.finished = run
      .then(
        (result) => {
          job.summary = result.summary;
          job.state = result.summary.interrupted ? 'cancelled' : 'done';
        },
        (error: unknown) => {
          // The engine reports row failures in results; a throw is a bug or a broken client: end the job visibly.
          options.logger.error('batch job failed', {
            jobId: id,
            error: error instanceof Error ? (error.stack ?? error.name) : 'unknown',
          });
          job.state = 'cancelled';
        },
      )
      // A close that fails loses nothing: every line was fsync'ed when it was written.
      .then(() => journal.close().catch(() => undefined))
      .then(() => {
        job.finishedAt = new Date();
        const counts = countsOf(job);
        for (const listener of job.listeners) listener(counts, undefined);
        options.logger.info('batch job ended', { jobId: id, state: job.state, ...counts });
        prune();
      });
    jobs.set(id, job);
    options.logger.info('batch job started', { jobId: id, rows: plan.length, skipped: skipped.length, ...job.plan });
    return id;
  }

  function status(jobId: string): JobStatus | undefined {
    const job = jobs.get(jobId);
    if (job === undefined) return undefined;
    return {
      jobId: job.id,
      state: job.state,
      source: job.source,
      startedAt: job.startedAt.toISOString(),
      plan: job.plan,
      ...(job.finishedAt !== undefined ? { finishedAt: job.finishedAt.toISOString() } : {}),
      counts: countsOf(job),
      rows: job.engine.buildReport(job.results, job.skipped),
      ...(job.summary !== undefined ? { summary: job.summary } : {}),
    };
  }

  function listen(jobId: string, listener: JobListener): () => void {
    const job = jobs.get(jobId);
    if (job === undefined) return () => {};
    job.listeners.add(listener);
    return () => job.listeners.delete(listener);
  }

  async function waitFor(jobId: string, ms: number, signal?: AbortSignal): Promise<void> {
    const job = jobs.get(jobId);
    if (job === undefined || job.state !== 'running' || ms <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    await Promise.race([
      job.finished,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
        onAbort = () => resolve();
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }

  async function close(): Promise<void> {
    const running = [...jobs.values()].filter((j) => j.state === 'running');
    for (const job of running) job.abort.abort();
    await Promise.all(running.map((j) => j.finished));
  }

  return { start, claim, status, ids: () => [...jobs.keys()], listen, waitFor, close };
}
