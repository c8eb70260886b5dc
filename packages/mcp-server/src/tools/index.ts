// The tool catalogue: which tools exist, and which of them a read-only server offers.
import type { McpServer } from '@modelcontextprotocol/server';

import { registerOnboardIsvCustomerTool, name as onboardName } from './onboard-isv-customer.js';
import type { ToolDeps } from './run.js';
import { registerSubmitIsvCustomerTermsTool, name as submitName } from './submit-isv-customer-terms.js';
import { registerUploadIsvTermsFileTool, name as uploadName } from './upload-isv-terms-file.js';
import { registerValidateIsvCustomerTermsTool, name as validateName } from './validate-isv-customer-terms.js';

/** Every tool name, in listing order. */
export const TOOL_NAMES = [validateName, uploadName, submitName, onboardName] as const;

/** Tools that change nothing anywhere: the only ones a `--read-only` server lists. */
export const READ_ONLY_TOOL_NAMES = [validateName] as const;

/** Registers the tools on `server`; with `readOnly`, only the validation tool. */
export function registerTools(server: McpServer, deps: ToolDeps, options: { readOnly: boolean }): void {
  registerValidateIsvCustomerTermsTool(server, deps);
  if (options.readOnly) return;
  registerUploadIsvTermsFileTool(server, deps);
  registerSubmitIsvCustomerTermsTool(server, deps);
  registerOnboardIsvCustomerTool(server, deps);
}
