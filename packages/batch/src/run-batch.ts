// Runs a plan: every row that has work goes through a pool of `concurrency` workers, each row pipelined through
// upload → submit on one core client. The client queues calls within the account's quota (5/s per operation), so
// the pool only has to keep enough rows in flight to fill it; a bounded pool (rather than all rows at once) is what
// lets cancellation stop *starting* rows while the ones in flight finish and are journaled.
// Every state change is journaled (and fsync'ed) before the step it announces; see journal.ts.
import { readTermsFile, type HintNames, type IsvTermsClient } from '@chatapp-isv/core';
import type { BatchEvent, BatchEventListener, BatchSummary, RowResult, RowStatus } from './events.js';
import type { JournalWrite, JournalWriter } from './journal.js';
import { classifyFailure } from './outcome.js';
import { countPlan, type PlannedRow } from './plan.js';
import { recordMatches, type ReadBack } from './read-back.js';

/** The part of core's client the engine uses. */
export type BatchClient = Pick<IsvTermsClient, 'uploadTermsFile' | 'submitIsvCustomerTerms'>;

/** The answer of an endpoint that has no read-back operation. */
const READ_BACK_UNSUPPORTED = 'InvalidAction.NotFound';

/** Default number of rows in flight: enough to keep 5/s busy at a few hundred ms of latency per call. */
export const DEFAULT_CONCURRENCY = 16;

/** Options of runBatch. */
export interface RunBatchOptions {
  /** The core client (it owns credentials, quota and retries). */
  client: BatchClient;
  /** The plan from planBatch. */
  plan: readonly PlannedRow[];
  /** Where states are journaled; without one nothing can be resumed. */
  journal?: JournalWriter | undefined;
  /** Reads what is on record for a space; rows planned `read-back` need it. */
  readBack?: ReadBack | undefined;
  /**
   * When the endpoint cannot read back at all (it answers `InvalidAction.NotFound`), resubmit a row with an unknown
   * outcome instead of leaving it `unknown`: the same choice as `resubmitUnknown` in planBatch without read-back.
   */
  resubmitUnknown?: boolean | undefined;
  /**
   * Rows in flight at once.
   * @default 16
   */
  concurrency?: number | undefined;
  /** Cancels the run: no new rows start, rows in flight finish. */
  signal?: AbortSignal | undefined;
  /** Receives the event stream. */
  onEvent?: BatchEventListener | undefined;
  /**
   * Largest PDF in bytes.
   * @default 2097152 (core's 2 MiB)
   */
  maxFileBytes?: number | undefined;
  /**
   * How the front end's user spells the settings a failed row's hint may name, e.g. `{ endpoint: '--endpoint' }`.
   * @default core's option names (`the \`endpoint\` option`)
   */
  hintNames?: HintNames | undefined;
}

/** What runBatch returns. */
export interface BatchResult {
  /** One result per planned row, in plan order. */
  readonly results: readonly RowResult[];
  readonly summary: BatchSummary;
}

interface RowContext {
  readonly planned: PlannedRow;
  readonly started: number;
  upload?: { objectKey: string; sha256: string; isvTerms: string } | undefined;
}

/**
 * Runs the plan; resolves when every row is done or, after cancellation, every started row is. A row's failure never
 * rejects the run: it is a `failed` or `unknown` RowResult with the service's code, a message and core's `hint`.
 *
 * @example
 * ```ts
 * import { prepareBatch, runBatch } from '@chatapp-isv/batch';
 * import { createIsvTermsClient } from '@chatapp-isv/core';
 *
 * const { plan } = await prepareBatch({ file: 'customers.yaml' });
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort()); // rows in flight finish, no new ones start
 * const { results } = await runBatch({ client: createIsvTermsClient(), plan, signal: controller.signal });
 * for (const row of results.filter((result) => result.status === 'failed')) {
 *   console.error(row.id, row.code, row.hint ?? row.message);
 * }
 * ```
 * @throws nothing for a row: a failed step or journal write becomes that row's `failed` or `unknown` result
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchResult> {
  const { client, plan, journal, readBack, signal } = options;
  const started = performance.now();
  const emit = (event: BatchEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      // A listener's bug must not break a run that is journaling legal submissions.
    }
  };
  const results: (RowResult | undefined)[] = new Array(plan.length);
  const write = async (ctx: RowContext, entry: Record<string, unknown> & { state: string }) => {
    const { row } = ctx.planned;
    await journal?.append({
      id: row.id,
      fingerprint: row.fingerprint,
      custSpaceId: row.details.custSpaceId,
      ...entry,
    } as JournalWrite);
  };
  const finish = (index: number, ctx: RowContext, status: RowStatus, extra: Partial<RowResult> = {}) => {
    const { row, action, reason } = ctx.planned;
    const result: RowResult = {
      id: row.id,
      row: row.row,
      custSpaceId: row.details.custSpaceId,
      status,
      action,
      reason,
      sha256: row.sha256,
      isvTerms: ctx.upload?.isvTerms,
      objectKey: ctx.upload?.objectKey,
      elapsedMs: Math.round(performance.now() - ctx.started),
      ...extra,
    };
    results[index] = result;
    emit({ type: 'row-done', result });
  };

  const upload = async (ctx: RowContext) => {
    const { row } = ctx.planned;
    const file = await readTermsFile(row.termsPath, { maxBytes: options.maxFileBytes, field: 'termsFile' });
    if (file.sha256 !== row.sha256) {
      throw Object.assign(new Error(`the PDF ${row.fileName} changed after it was validated`), {
        name: 'FileChanged',
      });
    }
    await write(ctx, { state: 'validated' });
    const result = await client.uploadTermsFile({
      custSpaceId: row.details.custSpaceId,
      file: file.bytes,
      fileName: row.fileName,
    });
    ctx.upload = { objectKey: result.objectKey, sha256: result.sha256, isvTerms: result.isvTerms };
    await write(ctx, { state: 'uploaded', ...ctx.upload });
    emit({ type: 'row-step', id: row.id, step: 'uploaded' });
  };

  const submit = async (index: number, ctx: RowContext) => {
    const { row } = ctx.planned;
    const isvTerms = ctx.upload?.isvTerms as string;
    await write(ctx, { state: 'submitting', isvTerms });
    emit({ type: 'row-step', id: row.id, step: 'submitting' });
    let requestId: string;
    let recovered: boolean;
    try {
      const result = await client.submitIsvCustomerTerms({ ...row.details, isvTerms });
      requestId = result.requestId;
      // core read the record back after a lost answer and found this row on it: on record, not sent again.
      recovered = result.recoveredByReadBack === true;
    } catch (error) {
      // From here on the submit was attempted: a journal write that fails must not turn the outcome into an
      // upload-stage failure. The last line on disk is then `submitting`, which a resume reads back.
      const failure = classifyFailure(error, true, options.hintNames);
      if (failure.kind === 'unknown') {
        await write(ctx, { state: 'unknown', reason: `${failure.code}: ${failure.message}` }).catch(() => undefined);
        finish(index, ctx, 'unknown', { code: failure.code, message: failure.message, hint: failure.hint });
      } else {
        const { code, message, retryable, hint } = failure;
        await write(ctx, { state: 'failed', stage: 'submit', code, message, retryable }).catch(() => undefined);
        finish(index, ctx, 'failed', { code, message, retryable, hint });
      }
      return;
    }
    const confirmedBy = recovered ? ('read-back' as const) : undefined;
    const answer = requestId === '' ? undefined : requestId;
    // On record whether or not the journal line makes it; a missing line only means a read-back next time.
    await write(ctx, { state: 'submitted', requestId: answer, confirmedBy }).catch(() => undefined);
    finish(index, ctx, 'submitted', { requestId: answer, confirmedBy });
  };

  const runRow = async (index: number, planned: PlannedRow) => {
    const ctx: RowContext = { planned, started: performance.now(), upload: planned.upload };
    emit({ type: 'row-start', id: planned.row.id, action: planned.action });
    let stage: 'upload' | 'submit' = 'upload';
    try {
      if (planned.action === 'read-back') {
        emit({ type: 'row-step', id: planned.row.id, step: 'reading-back' });
        let onRecord: boolean;
        try {
          onRecord = recordMatches(await (readBack as ReadBack)(planned.row.details.custSpaceId), planned.row);
        } catch (error) {
          const failure = classifyFailure(error, false, options.hintNames);
          if (!(failure.code === READ_BACK_UNSUPPORTED && options.resubmitUnknown === true)) {
            const reason = `read-back failed: ${failure.code}: ${failure.message}`;
            await write(ctx, { state: 'unknown', reason }).catch(() => undefined);
            const message = `read-back failed: ${failure.message}`;
            finish(index, ctx, 'unknown', { code: failure.code, message, hint: failure.hint });
            return;
          }
          onRecord = false;
        }
        if (onRecord) {
          await write(ctx, { state: 'submitted', confirmedBy: 'read-back' }).catch(() => undefined);
          finish(index, ctx, 'submitted', { confirmedBy: 'read-back' });
          return;
        }
      }
      if (ctx.upload === undefined) await upload(ctx);
      stage = 'submit';
      await submit(index, ctx);
    } catch (error) {
      // Upload failures, and journal failures before a submit was sent: nothing of this row is on record.
      const { code, message, retryable, hint } = classifyFailure(error, false, options.hintNames);
      await write(ctx, { state: 'failed', stage, code, message, retryable }).catch(() => undefined);
      finish(index, ctx, 'failed', { code, message, retryable, hint });
    }
  };

  emit({ type: 'start', total: plan.length, counts: countPlan(plan) });
  const work: number[] = [];
  plan.forEach((planned, index) => {
    const ctx: RowContext = { planned, started: performance.now(), upload: planned.upload };
    if (planned.action === 'skip') finish(index, ctx, 'already-submitted', { requestId: planned.requestId });
    else if (planned.action === 'hold') {
      finish(index, ctx, 'unknown', {
        code: 'OutcomeUnknown',
        message: 'an earlier submit was sent but never answered; check before resubmitting (--resubmit-unknown)',
      });
    } else work.push(index);
  });

  let next = 0;
  let stopping = false;
  const onAbort = () => {
    if (!stopping) {
      stopping = true;
      emit({ type: 'stopping' });
    }
  };
  if (signal?.aborted === true) onAbort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const worker = async () => {
    while (!stopping && next < work.length) {
      const index = work[next++] as number;
      await runRow(index, plan[index] as PlannedRow);
    }
  };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, work.length) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  for (const index of work.slice(next)) {
    const planned = plan[index] as PlannedRow;
    finish(index, { planned, started: performance.now(), upload: planned.upload }, 'not-started');
  }

  const final = results as RowResult[];
  const count = (status: RowStatus) => final.filter((result) => result.status === status).length;
  const summary: BatchSummary = {
    total: plan.length,
    submitted: count('submitted'),
    alreadySubmitted: count('already-submitted'),
    failed: count('failed'),
    unknown: count('unknown'),
    notStarted: count('not-started'),
    interrupted: stopping,
    elapsedMs: Math.round(performance.now() - started),
  };
  emit({ type: 'end', summary });
  return { results: final, summary };
}
