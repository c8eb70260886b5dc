// The server factory. Both serving entries (stdio and HTTP) call it for each connection or request, so it builds
// a fresh McpServer from long-lived dependencies (core's client with its process-wide quota, the file access,
// the logger) and holds no state of its own: the same definition serves 2025-era and 2026-07-28 clients.
import { McpServer } from '@modelcontextprotocol/server';

import { registerTools } from './tools/index.js';
import type { ToolDeps } from './tools/run.js';

/** The server's name in `serverInfo`. */
export const SERVER_NAME = 'chatapp-isv-mcp';
/** The server's version in `serverInfo`; kept in step with package.json. */
export const SERVER_VERSION = '0.1.0';

/** Everything a server instance needs. */
export interface ServerDeps extends ToolDeps {
  /** List only the validation tool. */
  readonly readOnly: boolean;
}

const INSTRUCTIONS = [
  "Tools for an Alibaba Cloud ChatApp ISV to register its customers' signed agreements (SubmitIsvCustomerTerms).",
  'Typical use: validate_isv_customer_terms first, then onboard_isv_customer (upload + submit in one call),',
  'or upload_isv_terms_file followed by submit_isv_customer_terms with the returned isvTerms.',
  'Credentials are configured on the server; never ask the user for AccessKeys.',
].join(' ');

/** Builds one McpServer with the ISV-terms tools registered (only the validation tool when `readOnly`). */
export function createServer(deps: ServerDeps): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'ChatApp ISV customer terms' },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS, maxToolInputElements: 64 },
  );
  registerTools(server, deps, { readOnly: deps.readOnly });
  return server;
}
