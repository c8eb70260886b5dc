// The one place a failure becomes a tool result. The SDK would echo a thrown message verbatim (stack traces,
// signed URLs, whatever a dependency put there), so every tool catches and calls toToolError instead: the result
// is an `isError` result naming the problem, the service's code and RequestId and what to do next, redacted.
import {
  ChatAppError,
  ConfigurationError,
  errorHint,
  CustomerTermsNotFoundError,
  fileAccessHint,
  isNetworkCode,
  OssError,
  OutcomeUnknownError,
  TermsVerificationError,
  ValidationError,
} from '@chatapp-isv/core';
import type { CallToolResult } from '@modelcontextprotocol/server';

import { FileAccessError } from './files.js';
import { BatchAlreadyRunningError, JournalUnavailableError } from './job-journal.js';
import { TooManyJobsError } from './job-types.js';
import type { Redactor } from './redact.js';

/** A failure reduced to what may be shown to the assistant. */
export interface ToolErrorReport {
  /** A stable code: the service's (e.g. `Ram.PermissionDeny`), OSS's, or ours (e.g. `ValidationError`). */
  readonly code: string;
  /** What went wrong, in one or a few lines. */
  readonly message: string;
  /** The service's request id, when the service answered. */
  readonly requestId?: string;
  /** The service's troubleshooting link, when it sent one. */
  readonly recommend?: string;
  /** What the caller can do about it. */
  readonly hint: string;
}

const SERVICE_HINTS: Record<string, string> = {
  'System.LimitControl':
    'The account is over its 5 requests/second quota for this operation; wait a few seconds and call again.',
  'Ram.PermissionDeny':
    'The credentials lack the RAM permission for this operation; ask the account owner to grant it (cams:*).',
  'Product.Unsubscript': 'The account has not activated ChatApp; activate the product, then call again.',
  'Unknown.ResourceOwnerId': 'custSpaceId does not belong to this account; check the space id of the ISV sub-customer.',
  'InvalidAccessKeyId.NotFound':
    'The AccessKey ID is not known to Alibaba Cloud: check ALIBABA_CLOUD_ACCESS_KEY_ID (or the profile) in the server environment.',
  SignatureDoesNotMatch:
    'The AccessKey secret does not match the ID: check ALIBABA_CLOUD_ACCESS_KEY_SECRET in the server environment.',
  'InvalidSecurityToken.Expired':
    'The STS security token has expired: give the server fresh temporary credentials (or a profile that refreshes them).',
  'InvalidAction.NotFound':
    'The endpoint does not offer this operation: check --endpoint / CHATAPP_ISV_ENDPOINT points at ChatApp (cams) and the region is right.',
  Throttling: 'Alibaba Cloud is throttling the account; wait a few seconds and call again.',
  'Throttling.User': 'Alibaba Cloud is throttling the account; wait a few seconds and call again.',
  InternalError:
    'Alibaba Cloud had an internal error; call again later (for a submission, check what is on record first).',
  ServiceUnavailable: 'Alibaba Cloud is temporarily unavailable; call again later.',
  MissingParameter: 'A required parameter was missing: run validate_isv_customer_terms to see which field.',
  InvalidParameter:
    'The service refused a value: run validate_isv_customer_terms and compare the fields with the message.',
};

const OSS_HINTS: Record<string, string> = {
  AccessDenied: 'OSS refused the upload; the upload authorization may have expired: call the tool again.',
  InvalidAccessKeyId: 'OSS did not accept the temporary credentials; call the tool again to get fresh ones.',
  SignatureDoesNotMatch: 'OSS rejected the request signature; call the tool again.',
};

const FILE_HINTS: Record<FileAccessError['code'], string> = {
  FileAccessDisabled: 'Pass the PDF as contentBase64 with fileName, or restart the server with --allow-dir <dir>.',
  InvalidPath: 'Pass a plain path to a PDF inside an allowed directory (list_isv_terms_files shows them).',
  WindowsPath:
    'Give the path as this server sees it: inside one of the allowed directories named above, or relative to the first one.',
  PathNotAllowed:
    'Only files inside the directories given with --allow-dir can be read: move the file into one, or ask the operator to add its folder with --allow-dir <dir>.',
  // Core's file-access hints, plus where this server looks for files.
  FileNotFound: `${fileAccessHint('missing')} Relative paths start at the first allowed directory, ~ is the home directory; call list_isv_terms_files to see the PDFs there.`,
  NotAFile: fileAccessHint('not-a-file'),
  FileUnreadable: `${fileAccessHint('unreadable')} (Here that user is the one the MCP server runs as.)`,
  FileTooLarge: 'Shrink the PDF (the console accepts up to 2 MB).',
  NotAPdf: 'The terms file must be a PDF.',
};

const NETWORK_HINT =
  'Check that the endpoint is reachable: --endpoint / CHATAPP_ISV_ENDPOINT must be the full URL with its scheme (https:// for Alibaba Cloud, http:// for a local emulator); then call again.';

/** Network codes (from the socket, or as core names a failure without a response) and what to do about each. */
const NETWORK_HINTS: Record<string, string> = {
  ECONNREFUSED: `Nothing is listening at the ChatApp endpoint, so nothing was sent. ${NETWORK_HINT}`,
  ENOTFOUND: `The endpoint's host name does not resolve. Check --endpoint / CHATAPP_ISV_ENDPOINT and --region / CHATAPP_ISV_REGION.`,
  EAI_AGAIN: 'DNS lookup failed for the endpoint; check the network, then call again.',
  ECONNRESET:
    'The connection was reset. For a submission the outcome may be unknown: check what is on record (get_isv_customer_terms) before sending it again.',
  ETIMEDOUT:
    'The endpoint did not answer in time. For a submission the outcome may be unknown: check what is on record (get_isv_customer_terms) before sending it again.',
  EPROTO: 'The TLS handshake failed: an http:// endpoint may have been given as https:// (or the reverse).',
  ERR_SSL_WRONG_VERSION_NUMBER:
    'The endpoint does not speak TLS: use http:// for a local emulator, https:// for Alibaba Cloud.',
};

/** The hint for a failure without an answer (core keeps the socket's code as the error code), if it is one. */
function networkHint(code: string, httpStatus: number | undefined): string | undefined {
  if (httpStatus !== undefined) return undefined;
  if (NETWORK_HINTS[code] !== undefined) return NETWORK_HINTS[code];
  // Core's code classes decide what counts as a network failure; ERR_* are Node's own (TLS and the like).
  return isNetworkCode(code) || /^ERR_/.test(code) ? NETWORK_HINT : undefined;
}

/** Core's hint for the error class (endpoint, permissions, quota), in this server's words for the endpoint. */
function coreHint(error: unknown): string | undefined {
  return errorHint(error, { endpoint: '--endpoint / CHATAPP_ISV_ENDPOINT' });
}

/** Reduces any thrown value to a report that carries no secret, path outside the request, or stack trace. */
export function describeError(error: unknown): ToolErrorReport {
  if (error instanceof ValidationError) {
    const issues = error.issues.map((issue) => `${issue.field}: ${issue.message}`);
    return {
      code: 'ValidationError',
      message: issues.length > 0 ? `invalid input: ${issues.join('; ')}` : error.message,
      hint: 'Correct the named fields and call again; nothing was sent to Alibaba Cloud.',
    };
  }
  if (error instanceof OutcomeUnknownError) {
    return {
      code: error.code,
      message: error.message,
      hint: `The submission was sent but its answer was lost, so it may or may not be on record; it was not sent again. Call get_isv_customer_terms for space ${error.custSpaceId} and resubmit only if the record does not show it.`,
    };
  }
  if (error instanceof CustomerTermsNotFoundError) {
    return withOptional(
      {
        code: error.code,
        message: error.message,
        hint: 'Nothing is on record for this space in this account: check custSpaceId, or onboard the customer first.',
      },
      error.requestId,
      undefined,
    );
  }
  if (error instanceof TermsVerificationError) {
    return withOptional(
      {
        code: error.code,
        message: error.message,
        hint: 'The write WAS accepted; the record read back differs or could not be read. Do not resend: check with get_isv_customer_terms.',
      },
      error.write.requestId,
      undefined,
    );
  }
  if (error instanceof TooManyJobsError) {
    return {
      code: 'TooManyJobs',
      message: error.message,
      hint: 'Follow the running jobs with get_isv_onboarding_batch (waitSeconds) and start this one when one is done; nothing was sent.',
    };
  }
  if (error instanceof JournalUnavailableError) {
    return {
      code: error.code,
      message: error.message,
      hint: 'Nothing was sent. Point --journal-dir (or CHATAPP_ISV_MCP_JOURNAL_DIR) at a folder this server can write, or fix the permissions of this one, and restart the server.',
    };
  }
  if (error instanceof BatchAlreadyRunningError) {
    return {
      code: 'BatchAlreadyRunning',
      message: error.message,
      hint: `Nothing was sent. Follow job ${error.jobId} with get_isv_onboarding_batch; start the batch again only after it ends (rows then on record are not resent).`,
    };
  }
  if (error instanceof FileAccessError) {
    return { code: error.code, message: `${error.field}: ${error.message}`, hint: FILE_HINTS[error.code] };
  }
  if (error instanceof ChatAppError) {
    return withOptional(
      {
        code: error.code,
        message: error.message,
        hint:
          coreHint(error) ??
          SERVICE_HINTS[error.code] ??
          networkHint(error.code, error.httpStatus) ??
          (typeof error.httpStatus === 'number' && error.httpStatus >= 500
            ? 'Alibaba Cloud had a server error; call again later.'
            : error.requestId !== undefined
              ? 'Check the inputs against the message; quote the RequestId if you contact Alibaba Cloud support.'
              : 'Check the inputs against the message.'),
      },
      error.requestId,
      error.recommend,
    );
  }
  if (error instanceof OssError) {
    return withOptional(
      {
        code: error.code,
        message: error.message,
        hint:
          OSS_HINTS[error.code] ??
          coreHint(error) ??
          networkHint(error.code, error.httpStatus) ??
          (error.requestId !== undefined
            ? 'Call the tool again; if it keeps failing, quote the RequestId to support.'
            : 'Call the tool again.'),
      },
      error.requestId,
      undefined,
    );
  }
  if (error instanceof ConfigurationError) {
    return {
      code: 'ConfigurationError',
      message: error.message,
      hint:
        error.option === 'credentials'
          ? 'The server has no usable credentials: in the server environment (the host configuration) set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS keys), or ALIBABA_CLOUD_PROFILE naming a profile in ~/.aliyun/config.json or ~/.alibabacloud/credentials, and restart it. Never paste keys into the chat.'
          : 'The server is misconfigured: fix the named setting (--endpoint / CHATAPP_ISV_ENDPOINT, --region / CHATAPP_ISV_REGION) in the host configuration and restart it.',
    };
  }
  const systemCode = systemErrorCode(error);
  if (systemCode !== undefined) {
    return {
      code: systemCode,
      message: 'a network or file-system call failed',
      hint: NETWORK_HINTS[systemCode] ?? NETWORK_HINT,
    };
  }
  // Anything else is our bug or a dependency's: say so without repeating its message, which may carry anything.
  return { code: 'InternalError', message: 'the server hit an unexpected error', hint: 'See the server log (stderr).' };
}

function withOptional(
  base: Omit<ToolErrorReport, 'requestId' | 'recommend'>,
  requestId: string | undefined,
  recommend: string | undefined,
): ToolErrorReport {
  return {
    ...base,
    ...(requestId !== undefined && requestId !== '' ? { requestId } : {}),
    ...(recommend !== undefined && recommend !== '' ? { recommend } : {}),
  };
}

function systemErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^E[A-Z0-9_]+$|^ERR_[A-Z0-9_]+$/.test(code) ? code : undefined;
}

/** Renders a report as the text the assistant reads. */
export function formatReport(report: ToolErrorReport): string {
  const lines = [`Error ${report.code}: ${report.message}`];
  if (report.requestId !== undefined) lines.push(`RequestId: ${report.requestId}`);
  if (report.recommend !== undefined) lines.push(`Recommend: ${report.recommend}`);
  lines.push(`Hint: ${report.hint}`);
  return lines.join('\n');
}

/** Maps any error to a redacted `isError` tool result. */
export function toToolError(error: unknown, redact: Redactor): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: redact(formatReport(describeError(error))) }] };
}
