// The server factory. Both serving entries (stdio and HTTP) call it for each connection or request, so it builds
// a fresh McpServer from long-lived dependencies (core's client with its process-wide quota, the file access,
// the logger) and holds no state of its own: the same definition serves 2025-era and 2026-07-28 clients.
import { readFileSync } from 'node:fs';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/server';

import { jobUri } from './tools/batch-status.js';
import { registerTools } from './tools/index.js';
import type { ToolDeps } from './tools/run.js';

/** The server's name in `serverInfo`. */
export const SERVER_NAME = 'chatapp-isv-mcp';
/** The server's version in `serverInfo` and `--version`: the package's own, so a release cannot leave it behind. */
export const SERVER_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Everything a server instance needs. */
export interface ServerDeps extends ToolDeps {
  /** List and serve only the tools annotated read-only. */
  readonly readOnly: boolean;
}

const INSTRUCTIONS = [
  "Tools for an Alibaba Cloud ChatApp ISV to register its customers' signed agreements (SubmitIsvCustomerTerms).",
  'Typical use: list_isv_terms_files to find the agreement PDFs, validate_isv_customer_terms, then onboard_isv_customer',
  '(upload + submit in one call), or upload_isv_terms_file followed by submit_isv_customer_terms with the returned isvTerms.',
  'For many customers use start_isv_onboarding_batch and follow the job with get_isv_onboarding_batch.',
  'Writes may ask the person to confirm; if a write is declined, do not retry it unasked.',
  'Credentials are configured on the server; never ask the user for AccessKeys.',
].join(' ');

/**
 * Builds one McpServer with the ISV-terms tools registered (only the read-only tools when `readOnly`). Pass it to a
 * transport as a factory: each connection gets its own server over the same dependencies.
 *
 * @example
 * ```ts
 * import {
 *   createRedactor,
 *   createServer,
 *   createServerDeps,
 *   createStderrLogger,
 *   parseConfig,
 *   secretsFromEnv,
 *   startStdioServer,
 * } from '@chatapp-isv/mcp-server';
 *
 * const config = parseConfig(['--allow-dir', './signed-pdfs'], process.env);
 * const redact = createRedactor(secretsFromEnv(process.env));
 * const logger = createStderrLogger(redact);
 * const deps = createServerDeps(config, { redact, logger });
 * startStdioServer(() => createServer(deps), { logger });
 * ```
 * @throws nothing itself; tool failures become `isError` results with a hint, never exceptions
 */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'ChatApp ISV customer terms' },
    {
      capabilities: { tools: {}, resources: {} },
      instructions: INSTRUCTIONS,
      // A bound on array elements + object members per call, well above a 100-row inline batch (about 900), so that
      // oversized arguments reach the input schema, whose refusal names the field ("rows: too big", "filePath:
      // expected string"); only beyond this does the SDK refuse the call as a whole. HTTP bodies are capped too.
      maxToolInputElements: 20_000,
    },
  );
  registerTools(server, deps, { readOnly: deps.readOnly });
  registerBatchResource(server, deps);
  return server;
}

/** The per-row report of each batch job as a resource, `chatapp-isv://batch/{jobId}` (what resource_link names). */
function registerBatchResource(server: McpServer, deps: ServerDeps): void {
  server.registerResource(
    'onboarding-batch',
    new ResourceTemplate('chatapp-isv://batch/{jobId}', {
      list: () => ({
        resources: deps.jobs.ids().map((id) => ({
          uri: jobUri(id),
          name: `batch-${id}`,
          mimeType: 'application/json',
        })),
      }),
    }),
    {
      title: 'Onboarding batch report',
      description: 'Status and per-row report of an onboarding batch job started by start_isv_onboarding_batch.',
      mimeType: 'application/json',
    },
    (uri, variables) => {
      const jobId = String(variables['jobId'] ?? '');
      const status = deps.jobs.status(jobId);
      if (status === undefined) throw new Error(`no batch job ${jobId.slice(0, 64)} in this server`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(status) }] };
    },
  );
}
