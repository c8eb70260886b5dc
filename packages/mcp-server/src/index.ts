// The public surface of @chatapp-isv/mcp-server: everything a host needs to embed the server or run it itself.
// The `chatapp-isv-mcp` bin is built from these same pieces.

// Building a server: the factory, its dependencies and the tool catalogue.
export { createServer, SERVER_NAME, SERVER_VERSION } from './server.js';
export type { ServerDeps } from './server.js';
export { createServerDeps, loadSharedQuota } from './deps.js';
export type { CreateDepsOptions } from './deps.js';
export { registerTools, TOOLS, TOOL_NAMES, READ_ONLY_TOOL_NAMES } from './tools/index.js';
export { isReadOnlyTool } from './tools/tool.js';
export type { ToolModule } from './tools/tool.js';
export type { ToolDeps, TermsClient } from './tools/run.js';

// Confirm before write, and progress on long calls.
export { createConfirmer, CONFIRM_POLICIES } from './confirm.js';
export type { Confirmer, ConfirmerOptions, ConfirmOutcome, ConfirmPolicy, WritePreview } from './confirm.js';
export { progressReporter } from './progress.js';
export type { ProgressReporter } from './progress.js';

// Configuration from flags and environment.
export { parseConfig, UsageError, USAGE, DEFAULT_PORT, TOKEN_ENV, CONFIRM_ENV, isLoopbackHost } from './config.js';
export type { ServerConfig, HttpConfig } from './config.js';

// Serving: stdio (default) and Streamable HTTP.
export { startStdioServer } from './transports/stdio.js';
export type { StdioOptions } from './transports/stdio.js';
export { startHttpServer, MCP_PATH, DEFAULT_HTTP_LIMITS } from './transports/http.js';
export type { HttpServerHandle, HttpLimits } from './transports/http.js';

// Batch jobs.
export { createJobStore } from './jobs.js';
export { TooManyJobsError } from './job-types.js';
export type {
  BatchEngine,
  JobClient,
  JobCounts,
  JobInput,
  JobListener,
  JobState,
  JobStatus,
  JobStore,
  JobStoreOptions,
} from './job-types.js';
export {
  BatchAlreadyRunningError,
  batchJournalKey,
  createBatchJournals,
  defaultJournalDir,
  JOURNAL_DIR_ENV,
  JournalUnavailableError,
  planSummary,
} from './job-journal.js';
export type { BatchJournal, BatchJournals, JobPlanSummary, JournalEngine } from './job-journal.js';
export { readBatchInput } from './batch-input.js';
export type { BatchInput, InlineRow, RowsEngine } from './batch-input.js';

// Safety pieces: confined file access, error reports, redaction and logging.
export { createFileAccess, FileAccessError, isInside, isWindowsStylePath } from './files.js';
export type {
  FileAccess,
  FileAccessOptions,
  FileAccessErrorCode,
  ListedPdf,
  LocalTermsFile,
  PdfListing,
} from './files.js';
export { describeError, formatReport, toToolError } from './errors.js';
export type { ToolErrorReport } from './errors.js';
export { createRedactor, secretsFromEnv } from './redact.js';
export type { Redactor } from './redact.js';
export { createStderrLogger, silentLogger, withFields } from './logger.js';
export type { Logger, LogLevel, LineSink } from './logger.js';
