// start_isv_onboarding_batch: onboard a list of customers as a job. Rows come inline or from a CSV/YAML/JSON file
// inside an allowed directory; every row and PDF is validated first (nothing is sent while any row is invalid,
// unless skipInvalid), a person confirms the whole batch once (with its size and a digest of exactly what will be
// sent), and the job starts on @chatapp-isv/batch's engine. The call returns the job id at once, or after an
// optional wait with progress; get_isv_onboarding_batch and the job's resource report it row by row.
// Every batch is planned against its journal (job-journal.ts): started again after the server died, it resumes like
// `chatapp-isv onboard --resume`: rows on record are not sent, rows sent without a journaled answer are read back
// first. A batch with nothing left to send starts no confirmation: the job finishes at once and sends nothing.
import { createHash } from 'node:crypto';

import type * as BatchModule from '@chatapp-isv/batch';
import { ValidationError } from '@chatapp-isv/core';
import type { CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { readBatchInput, type BatchInput } from '../batch-input.js';
import type { WritePreview } from '../confirm.js';
import { planSummary, type JobPlanSummary } from '../job-journal.js';
import { jobOutput, resultAfterWaiting, waitSeconds } from './batch-status.js';
import { custSpaceId } from './fields.js';
import { runTool, type ToolDeps } from './run.js';
import type { ToolModule } from './tool.js';

/** The tool's name. */
export const name = 'start_isv_onboarding_batch';

/** Most inline rows per call (bigger batches go in a file). */
export const MAX_INLINE_ROWS = 100;

const row = z
  .object({
    id: z.string().optional().describe('A unique id for the row, shown in the report (default "row-<n>").'),
    custSpaceId,
    custName: z.string().describe('Registered name of the customer enterprise.'),
    officeAddress: z.string().describe('Office address of the customer enterprise.'),
    contactMail: z.string().describe('Contact e-mail of the customer enterprise.'),
    countryId: z.string().describe('ISO 3166-1 alpha-2 country code, e.g. "SG".'),
    businessDesc: z.string().describe('Business scenario, e.g. "Marketing".'),
    termsFile: z
      .string()
      .describe('The signed agreement PDF inside an allowed directory (relative paths start at the first one).'),
  })
  .strict()
  .describe('One customer.');

/** Input: rows inline or a customer file, what to do with invalid rows, and an optional wait. */
export const inputSchema = z
  .object({
    rows: z
      .array(row)
      .min(1)
      .max(MAX_INLINE_ROWS)
      .optional()
      .describe(`Customers inline, at most ${MAX_INLINE_ROWS}; give either rows or file.`),
    file: z
      .string()
      .optional()
      .describe(
        "A customer file (.csv, .yaml/.yml or .json) inside an allowed directory, one customer per row with columns id, custSpaceId, custName, officeAddress, contactMail, countryId, businessDesc, termsFile (a PDF path relative to the file's folder).",
      ),
    skipInvalid: z
      .boolean()
      .optional()
      .describe('Run the valid rows and report the invalid ones, instead of refusing the whole batch (default false).'),
    waitSeconds,
  })
  .strict();

/** Title and annotations: submits many agreements; like onboard_isv_customer, not idempotent. */
export const config = {
  title: 'Start ISV onboarding batch',
  description:
    'Onboard many customers (validate, upload, submit each) as a background job: rows inline or a CSV/YAML/JSON file in an allowed directory. Everything is validated first; nothing is sent while a row is invalid unless skipInvalid. Returns a job id at once (or after waitSeconds); follow it with get_isv_onboarding_batch or the resource_link. Stays within the account quota (5 requests/s per operation), so 100 customers take about 20-30 s. Every step is journaled: the same batch started again (e.g. after a server restart) resumes, sending no row that is on record; see plan in the result.',
  inputSchema,
  outputSchema: jobOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
};

type PreviewRow = { details: { custName: string; custSpaceId: string }; size: number; fingerprint: string };

/** What a resumed batch will do, e.g. "18 already on record (journal), 12 to send". */
export function planPhrase(plan: JobPlanSummary): string {
  const parts = [
    ...(plan.alreadyOnRecord > 0 ? [`${plan.alreadyOnRecord} already on record (journal)`] : []),
    ...(plan.toReadBack > 0 ? [`${plan.toReadBack} sent before without an answer, read back first`] : []),
    `${plan.toSend} to send`,
  ];
  return parts.join(', ');
}

/**
 * The preview of a whole batch: how many customers (and, when resumed, how many the journal already has), a few
 * names of those to send, the bytes, and a digest of exactly this batch.
 */
function batchPreview(
  source: string,
  valid: readonly PreviewRow[],
  pending: readonly PreviewRow[],
  plan: JobPlanSummary,
  skipped: number,
): WritePreview {
  const names = pending.slice(0, 5).map((r) => `${r.details.custName} (space ${r.details.custSpaceId})`);
  const more = pending.length > names.length ? `, and ${pending.length - names.length} more` : '';
  const digest = createHash('sha256');
  for (const r of valid) digest.update(r.fingerprint);
  const count = `${valid.length} customer${valid.length === 1 ? '' : 's'}`;
  return {
    action: plan.resumed
      ? `Onboard ${count} from ${source}, resuming its journal: ${planPhrase(plan)}`
      : `Onboard ${count} (upload and submit each agreement) from ${source}`,
    details: [
      ['Customers', `${names.join('; ')}${more}`],
      ['Files', `${pending.length} PDFs, ${pending.reduce((n, r) => n + r.size, 0)} bytes in all`],
      ['SHA-256 of the batch', digest.digest('hex')],
      ...(skipped > 0 ? [['Left out (invalid)', `${skipped} problem(s); see the report`] as const] : []),
    ],
  };
}

/**
 * Plans the batch against its journal, asks the person when anything will be sent, and starts the job. The journal
 * is read (its directory checked) before anyone is asked, so a refusal sends nothing; the caller holds the journal's
 * claim throughout, so no other call plans from the same journal until this job runs.
 */
async function startJob(
  server: McpServer,
  deps: ToolDeps,
  ctx: Parameters<typeof deps.confirmer.confirm>[1],
  engine: typeof BatchModule,
  input: BatchInput,
): Promise<{ jobId: string } | { refused: CallToolResult }> {
  const journal = await deps.journals.read(engine, input.journalKey);
  const plan = engine.planBatch(input.valid, journal.state, { readBack: true });
  const summary = planSummary(engine.countPlan(plan), journal.state.exists);
  if (summary.toSend + summary.toReadBack > 0) {
    const pending = plan.filter((p) => p.action !== 'skip').map((p) => p.row);
    const preview = batchPreview(input.source, input.valid, pending, summary, input.problems.length);
    const confirmation = await deps.confirmer.confirm(server, ctx, preview);
    if (!confirmation.proceed) return { refused: confirmation.result };
  }
  const writer = await deps.journals.open(engine, journal);
  const jobId = deps.jobs.start(engine, {
    source: input.source,
    plan,
    summary,
    skipped: input.problems,
    journal: writer,
  });
  return { jobId };
}

/** Registers start_isv_onboarding_batch on `server`. */
export function registerStartIsvOnboardingBatchTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (args, ctx) =>
    runTool(name, deps, async () => {
      // The engine (and its CSV/YAML parsers) loads on the first batch, not at server start.
      const engine = await import('@chatapp-isv/batch');
      const input = await readBatchInput(engine, deps.files, args, deps.maxFileBytes);
      if (input.problems.length > 0 && args.skipInvalid !== true) {
        throw new ValidationError(
          input.problems.map((p) => ({ field: `row ${p.row} (${p.id}) ${p.field}`, message: p.message })),
        );
      }
      if (input.valid.length === 0) {
        throw new ValidationError([{ field: 'rows', message: 'no valid row to onboard' }]);
      }
      const release = deps.jobs.claim(deps.journals.pathOf(input.journalKey));
      let started;
      try {
        started = await startJob(server, deps, ctx, engine, input);
      } finally {
        release();
      }
      if ('refused' in started) return started.refused;
      return resultAfterWaiting(deps.jobs, started.jobId, args.waitSeconds, ctx);
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerStartIsvOnboardingBatchTool,
};
