// One actionable hint per error class, written once for every front end: endpoint (scheme, port, reachability),
// permissions (the RAM action to grant), quota, expired or wrong credentials, and file access (a terms file that is
// missing, unreadable or not a file). Front ends pass how their user spells
// the endpoint setting (`--endpoint` for the CLI and the MCP server, `endpoint` in Pulumi config, the `endpoint`
// option for library users), so the hint is in the user's own words. A hint never asks to quote a RequestId the
// error does not have.
import { ChatAppError, OssError, ServiceError } from './errors.js';

/** How the caller spells the settings a hint may name. */
export interface HintNames {
  /** The endpoint setting, e.g. `--endpoint` (default: the client's `endpoint` option). */
  readonly endpoint?: string | undefined;
}

const TLS_MISMATCH = new Set(['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);

/**
 * The action that fixes `error`, or undefined when core knows none. Covers network failures without an answer
 * (endpoint, scheme, port), permissions, quota and credentials codes of ChatApp and OSS.
 *
 * @example
 * ```ts
 * import { createIsvTermsClient, errorHint } from '@chatapp-isv/core';
 *
 * const client = createIsvTermsClient({ endpoint: '127.0.0.1:8470' }); // no scheme: HTTPS
 * try {
 *   await client.readCustomerTerms({ custSpaceId: '293483938849493' });
 * } catch (error) {
 *   // "The endpoint does not speak TLS. An endpoint without a scheme means HTTPS: ..."
 *   console.error(errorHint(error, { endpoint: '--endpoint' }));
 * }
 * ```
 */
export function errorHint(error: unknown, names: HintNames = {}): string | undefined {
  if (!(error instanceof ServiceError)) return undefined;
  const endpoint = names.endpoint ?? 'the `endpoint` option';
  const { code, httpStatus, operation } = error;
  if (httpStatus === undefined) {
    if (TLS_MISMATCH.has(code)) {
      return `The endpoint does not speak TLS. An endpoint without a scheme means HTTPS: for a plain-HTTP endpoint (such as a local emulator) give ${endpoint} with http://host:port.`;
    }
    if (code === 'ECONNREFUSED') {
      return `Nothing is listening at the endpoint, so nothing was sent: check ${endpoint} (scheme, host and port) and that the service is running.`;
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return `The endpoint's host name does not resolve: check ${endpoint} and the region.`;
    }
  }
  if (code === 'Ram.PermissionDeny' || code === 'Forbidden.RAM' || code === 'NoPermission') {
    const action = error instanceof OssError ? 'oss:PutObject' : `cams:${operation}`;
    return `The credentials lack a RAM permission: grant the RAM action ${action} (or cams:* for the whole flow) to the RAM user or role.`;
  }
  if (code === 'System.LimitControl' || code.startsWith('Throttling')) {
    return 'The account is over its request quota for this operation: wait a few seconds and try again (the client already spaces its own calls).';
  }
  if (code === 'InvalidAccessKeyId.NotFound' || code === 'InvalidAccessKeyId') {
    return error instanceof ChatAppError
      ? 'The AccessKey ID is not known to Alibaba Cloud: check the configured AccessKey ID.'
      : 'OSS did not accept the temporary upload credentials: try again to get fresh ones.';
  }
  if (code === 'SignatureDoesNotMatch' && error instanceof ChatAppError) {
    return 'The AccessKey secret does not match the AccessKey ID: check the configured secret.';
  }
  if (code === 'InvalidSecurityToken.Expired')
    return 'The STS security token has expired: use fresh temporary credentials.';
  return undefined;
}

/** Why a file the caller named cannot be used: nothing there, no permission to read it, or not a regular file. */
export type FileProblem = 'missing' | 'unreadable' | 'not-a-file';

/** The file problem an `fs` error code stands for, or undefined for other failures. */
export function fileProblemOf(code: string | undefined): FileProblem | undefined {
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
  if (code === 'EACCES' || code === 'EPERM') return 'unreadable';
  if (code === 'EISDIR') return 'not-a-file';
  return undefined;
}

/**
 * The action that fixes a terms file that cannot be used. Core's own file errors already end with it
 * (`no such file: acme-terms.pdf. Hint: ...`); front ends that read files themselves (the MCP server) use it too.
 *
 * @example
 * ```ts
 * import { fileAccessHint } from '@chatapp-isv/core';
 *
 * // "The file exists but may not be read by the user running this: ..."
 * console.error(`termsFile: cannot be read. Hint: ${fileAccessHint('unreadable')}`);
 * ```
 */
export function fileAccessHint(problem: FileProblem): string {
  if (problem === 'missing') {
    return 'Check the folder and the spelling of the file name (a name copied from a spreadsheet may end in an invisible space or line break).';
  }
  if (problem === 'unreadable') {
    return 'The file exists but may not be read by the user running this: grant read permission (e.g. chmod a+r) or copy the PDF to a folder that user can read.';
  }
  return 'Give the path of the PDF itself, not of a folder or a special file.';
}
