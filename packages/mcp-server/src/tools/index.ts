// The tool catalogue: the one list of tools. Names, the read-only subset and the registrations all derive from it,
// so adding a tool is one new file plus one line here.
import type { McpServer } from '@modelcontextprotocol/server';

import { tool as getTerms } from './get-isv-customer-terms.js';
import { tool as getBatch } from './get-isv-onboarding-batch.js';
import { tool as listFiles } from './list-isv-terms-files.js';
import { tool as onboard } from './onboard-isv-customer.js';
import type { ToolDeps } from './run.js';
import { tool as startBatch } from './start-isv-onboarding-batch.js';
import { tool as submit } from './submit-isv-customer-terms.js';
import { isReadOnlyTool, type ToolModule } from './tool.js';
import { tool as upload } from './upload-isv-terms-file.js';
import { tool as validate } from './validate-isv-customer-terms.js';

/** Every tool, in listing order. */
export const TOOLS: readonly ToolModule[] = [
  validate,
  listFiles,
  getTerms,
  upload,
  submit,
  onboard,
  startBatch,
  getBatch,
];

/** Every tool name, in listing order. */
export const TOOL_NAMES: readonly string[] = TOOLS.map((t) => t.name);

/** Tools annotated read-only: the only ones a `--read-only` server lists and serves. */
export const READ_ONLY_TOOL_NAMES: readonly string[] = TOOLS.filter(isReadOnlyTool).map((t) => t.name);

/** Registers the tools on `server`; with `readOnly`, only those annotated read-only. */
export function registerTools(server: McpServer, deps: ToolDeps, options: { readOnly: boolean }): void {
  for (const tool of TOOLS) if (!options.readOnly || isReadOnlyTool(tool)) tool.register(server, deps);
}
