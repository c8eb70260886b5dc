// The one place a failure becomes a tool result. The SDK would echo a thrown message verbatim (stack traces,
// signed URLs, whatever a dependency put there), so every tool catches and calls toToolError instead: the result
// is an `isError` result naming the problem, the service's code and RequestId and what to do next, redacted.
import { ChatAppError, ConfigurationError, OssError, ValidationError } from '@chatapp-isv/core';
import type { CallToolResult } from '@modelcontextprotocol/server';

import { FileAccessError } from './files.js';
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
};

const OSS_HINTS: Record<string, string> = {
  AccessDenied: 'OSS refused the upload; the upload authorization may have expired: call the tool again.',
  InvalidAccessKeyId: 'OSS did not accept the temporary credentials; call the tool again to get fresh ones.',
  SignatureDoesNotMatch: 'OSS rejected the request signature; call the tool again.',
};

const FILE_HINTS: Record<FileAccessError['code'], string> = {
  FileAccessDisabled: 'Pass the PDF as contentBase64 with fileName, or restart the server with --allow-dir <dir>.',
  InvalidPath: 'Pass a plain path to a PDF inside an allowed directory.',
  PathNotAllowed: 'Only files inside the directories given with --allow-dir can be read; move the file there.',
  FileNotFound: 'Check the path; relative paths are taken from the first allowed directory.',
  NotAFile: 'Point filePath at the PDF itself, not a directory or special file.',
  FileTooLarge: 'Shrink the PDF (the console accepts up to 2 MB).',
  NotAPdf: 'The terms file must be a PDF.',
};

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
  if (error instanceof FileAccessError) {
    return { code: error.code, message: `${error.field}: ${error.message}`, hint: FILE_HINTS[error.code] };
  }
  if (error instanceof ChatAppError) {
    return withOptional(
      {
        code: error.code,
        message: error.message,
        hint:
          SERVICE_HINTS[error.code] ??
          (typeof error.httpStatus === 'number' && error.httpStatus >= 500
            ? 'Alibaba Cloud had a server error; call again later.'
            : 'Check the inputs against the message; quote the RequestId if you contact Alibaba Cloud support.'),
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
        hint: OSS_HINTS[error.code] ?? 'Call the tool again; if it keeps failing, quote the RequestId to support.',
      },
      error.requestId,
      undefined,
    );
  }
  if (error instanceof ConfigurationError) {
    return {
      code: 'ConfigurationError',
      message: error.message,
      hint: 'The server is not configured for this call: set ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (or a profile) in the server environment and restart it.',
    };
  }
  const systemCode = systemErrorCode(error);
  if (systemCode !== undefined) {
    return {
      code: systemCode,
      message: 'a network or file-system call failed',
      hint: 'Check that the endpoint is reachable (--endpoint / CHATAPP_ISV_ENDPOINT) and call again.',
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
  return typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code) ? code : undefined;
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
