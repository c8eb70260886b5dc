// get_isv_onboarding_batch: a batch job's status and per-row report, optionally after waiting (with a progress
// notification per finished row) so an assistant can follow a job to its end in a few calls of under a minute each.
import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

import { jobOutput, resultAfterWaiting, waitSeconds } from './batch-status.js';
import { runTool, type ToolDeps } from './run.js';
import type { ToolModule } from './tool.js';

/** The tool's name. */
export const name = 'get_isv_onboarding_batch';

/** Input: the job id and an optional wait. */
export const inputSchema = z
  .object({
    jobId: z.string().describe('The jobId start_isv_onboarding_batch returned.'),
    waitSeconds,
  })
  .strict();

/** Title and annotations: reads the job's state in this server's memory only. */
export const config = {
  title: 'Get ISV onboarding batch',
  description:
    'Status and per-row report of an onboarding batch job (counts, and per row: status, RequestId, error). With waitSeconds, waits for the job to finish first (progress per finished row). Jobs live in server memory: a restarted server no longer knows them.',
  inputSchema,
  outputSchema: jobOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

/** Registers get_isv_onboarding_batch on `server`. */
export function registerGetIsvOnboardingBatchTool(server: McpServer, deps: ToolDeps): void {
  server.registerTool(name, config, (args, ctx) =>
    runTool(name, deps, async () => {
      if (deps.jobs.status(args.jobId) === undefined) {
        return {
          isError: true,
          content: [
            {
              type: 'text',
              text: `Error JobNotFound: no batch job ${JSON.stringify(args.jobId).slice(0, 80)} in this server\nHint: use the jobId from start_isv_onboarding_batch; jobs are forgotten when the server restarts, and only the last 20 finished jobs are kept.`,
            },
          ],
        };
      }
      return resultAfterWaiting(deps.jobs, args.jobId, args.waitSeconds, ctx);
    }),
  );
}

/** The catalogue entry. */
export const tool: ToolModule = {
  name,
  annotations: config.annotations,
  description: config.description,
  register: registerGetIsvOnboardingBatchTool,
};
