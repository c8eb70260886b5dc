// What every tool handler needs, and the wrapper that runs one: it times the call, logs one redacted line to
// stderr (tool, outcome, code, RequestId; never the arguments, which hold customer data), and turns any failure
// into a sanitized isError result so the SDK never echoes a raw error message.
import type { createIsvTermsClient } from '@chatapp-isv/core';
import type { CallToolResult } from '@modelcontextprotocol/server';

import type { Confirmer } from '../confirm.js';
import { describeError, toToolError } from '../errors.js';
import type { FileAccess } from '../files.js';
import type { BatchJournals } from '../job-journal.js';
import type { JobStore } from '../job-types.js';
import type { Logger } from '../logger.js';
import type { Redactor } from '../redact.js';

/** The part of core's client the tools call. */
export type TermsClient = Pick<
  ReturnType<typeof createIsvTermsClient>,
  'getUploadAuthorization' | 'uploadTermsFile' | 'submitIsvCustomerTerms' | 'submitCustomerTerms' | 'readCustomerTerms'
>;

/** Dependencies handed to every `register…Tool`. */
export interface ToolDeps {
  /** Returns core's client; called only by tools that go to the network, so validation works without credentials. */
  readonly client: () => TermsClient;
  /** Confined access to local files. */
  readonly files: FileAccess;
  /** Largest terms file accepted, in bytes. */
  readonly maxFileBytes: number;
  /** Masks secrets in anything shown or logged. */
  readonly redact: Redactor;
  /** Where call records go (stderr). */
  readonly logger: Logger;
  /** Asks a person before a write is sent (or refuses, or lets it through, by the --confirm policy). */
  readonly confirmer: Confirmer;
  /** Batch jobs of this process. */
  readonly jobs: JobStore;
  /** Where batch jobs journal their steps (--journal-dir). */
  readonly journals: BatchJournals;
}

/** A successful result carrying `output` both as structured content and as JSON text (for older clients). */
export function success(output: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
}

/** Runs one tool call: logs it, and maps a thrown error to a redacted isError result. */
export async function runTool(
  tool: string,
  deps: Pick<ToolDeps, 'redact' | 'logger'>,
  work: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  const started = Date.now();
  try {
    const result = await work();
    deps.logger[result.isError === true ? 'warn' : 'info']('tool call', {
      tool,
      outcome: result.isError === true ? 'rejected' : 'ok',
      ms: Date.now() - started,
    });
    return result;
  } catch (error) {
    const report = describeError(error);
    deps.logger[report.code === 'InternalError' ? 'error' : 'warn']('tool call failed', {
      tool,
      outcome: 'error',
      code: report.code,
      requestId: report.requestId,
      ms: Date.now() - started,
      // Unexpected errors are ours to debug: log their name and stack (redacted by the logger), never return them.
      ...(report.code === 'InternalError' && error instanceof Error ? { error: error.stack ?? error.name } : {}),
    });
    return toToolError(error, deps.redact);
  }
}
