// What the batch tools share: the job's status as tool output (with a resource_link to the job's report), and
// waiting for a job with progress notifications, so a client that listens sees each finished row.
import type { CallToolResult, ServerContext } from '@modelcontextprotocol/server';
import { z } from 'zod';

import type { JobStatus, JobStore } from '../job-types.js';
import { progressReporter } from '../progress.js';

/** The URI of a job's report resource. */
export function jobUri(jobId: string): string {
  return `chatapp-isv://batch/${jobId}`;
}

/** Longest wait one call may ask for: well under the ~60 s after which hosts end a call. */
export const MAX_WAIT_SECONDS = 50;

/** The optional wait, in seconds. */
export const waitSeconds = z
  .number()
  .int()
  .min(0)
  .max(MAX_WAIT_SECONDS)
  .optional()
  .describe(
    `Wait up to this many seconds (0-${MAX_WAIT_SECONDS}, default 0) for the job to finish, sending a progress notification per finished row if the call has a progressToken; the job runs on either way.`,
  );

const reportRow = z
  .object({
    id: z.string().describe('The row id.'),
    custSpaceId: z.string().describe('The space.'),
    status: z
      .string()
      .describe('submitted, already-submitted, failed, unknown (sent, outcome not known), not-started or invalid.'),
    isvTerms: z.string().describe('The submitted file name, once uploaded.'),
    sha256: z.string().describe('SHA-256 of the PDF.'),
    requestId: z.string().describe('RequestId of the submission, when answered.'),
    errorCode: z.string().describe('Why the row failed, when it did.'),
    errorMessage: z.string().describe('The failure in words.'),
    errorHint: z.string().describe('What fixes the failure (e.g. the RAM action to grant), when known.'),
  })
  .describe('One row of the report.');

/** The job status as tool output. */
export const jobOutput = z.object({
  jobId: z.string().describe('The job id, for get_isv_onboarding_batch.'),
  state: z.enum(['running', 'done', 'cancelled']).describe('running, done, or cancelled (server shutting down).'),
  source: z.string().describe('Where the rows came from: the customer file, or "inline rows".'),
  resourceUri: z.string().describe('The job report resource (resources/read), the same data as this result.'),
  startedAt: z.string().describe('ISO 8601 start time.'),
  finishedAt: z.string().optional().describe('ISO 8601 end time, once over.'),
  plan: z
    .object({
      resumed: z.boolean().describe('The batch was started before (its journal had lines): this job continues it.'),
      alreadyOnRecord: z.number().describe('Rows on record per the journal: reported already-submitted, not sent.'),
      toReadBack: z
        .number()
        .describe('Rows sent before without a journaled answer: read back first, sent only if not on record.'),
      toSend: z.number().describe('Rows to upload and submit (or submit, when already uploaded).'),
    })
    .describe('What the job does with the rows, given the batch journal.'),
  counts: z
    .object({
      total: z.number().describe('Rows the job runs (invalid rows left out are not counted).'),
      done: z.number().describe('Rows finished so far.'),
      submitted: z.number().describe('Rows submitted.'),
      failed: z.number().describe('Rows failed; nothing of them is on record.'),
      unknown: z.number().describe('Rows whose submission was sent without a known outcome: check before resending.'),
    })
    .describe('Counts so far.'),
  rows: z.array(reportRow).describe('Finished rows so far, then invalid rows that were left out.'),
});

/** The status as a tool result: structured content, JSON text, and a link to the report resource. */
function jobResult(status: JobStatus): CallToolResult {
  const output = {
    jobId: status.jobId,
    state: status.state,
    source: status.source,
    resourceUri: jobUri(status.jobId),
    startedAt: status.startedAt,
    ...(status.finishedAt !== undefined ? { finishedAt: status.finishedAt } : {}),
    plan: status.plan,
    counts: status.counts,
    rows: status.rows,
  };
  return {
    content: [
      { type: 'text', text: JSON.stringify(output) },
      {
        type: 'resource_link',
        uri: jobUri(status.jobId),
        name: `batch-${status.jobId}`,
        title: `Onboarding batch ${status.jobId}`,
        mimeType: 'application/json',
        description: 'Per-row report of the onboarding batch (status, RequestId, error per row).',
      },
    ],
    structuredContent: output,
  };
}

/**
 * Waits up to `seconds` for the job, reporting each finished row as progress when the client asked for it, then
 * answers with the job's status (both batch tools end this way).
 */
export async function resultAfterWaiting(
  jobs: JobStore,
  jobId: string,
  seconds: number | undefined,
  ctx: ServerContext,
): Promise<CallToolResult> {
  if (seconds !== undefined && seconds > 0) {
    const total = jobs.status(jobId)?.counts.total;
    const report = progressReporter(ctx, total);
    // One notification per finished row: progress must grow with each one, so the job's end (no new row) sends none.
    const stop = jobs.listen(jobId, (counts, last) => {
      if (last === undefined) return;
      void report(counts.done, `${counts.done}/${counts.total} rows done (${last.id}: ${last.status})`);
    });
    try {
      await jobs.waitFor(jobId, seconds * 1000, ctx.mcpReq.signal);
    } finally {
      stop();
    }
  }
  const status = jobs.status(jobId);
  if (status === undefined) throw new Error('job vanished');
  return jobResult(status);
}
