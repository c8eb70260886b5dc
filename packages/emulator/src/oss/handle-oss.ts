// The OSS front end: PutObject, GetObject and HeadObject on the one agreement bucket. Check order: method and
// key → injected faults → bucket exists → authentication → permission (temporary upload keys only, only under
// their Dir) → operation (Content-MD5 and x-oss-content-sha256 verified on writes).
import { createHash } from 'node:crypto';
import { authenticateOss } from '../auth/oss-claim.js';
import { isPresigned, verifyPresigned } from '../auth/oss-presigned.js';
import type { EmulatorInstance, Reply } from '../instance.js';
import { newOssRequestId, ossErrors, ServiceError } from '../errors.js';
import type { Credential } from '../state/accounts.js';
import type { Operation } from '../types.js';
import { crc64Ecma } from './crc64.js';
import { ossHeader, type OssRequest } from './request.js';

/** Largest object the emulator stores (requests above it are refused before the body is read). */
export const MAX_OBJECT_BYTES = 10 * 1024 * 1024;

const OPERATION_BY_METHOD: Partial<Record<string, Operation>> = {
  PUT: 'PutObject',
  GET: 'GetObject',
  HEAD: 'HeadObject',
};

/**
 * At most 1023 characters, not starting with `/` or a backslash, and (a strictness choice) no `.` or `..` segment, even
 * percent-encoded: such a key reads as a path outside the authorized Dir to anything that normalizes paths.
 */
function validKey(key: string): boolean {
  if (key.length > 1023 || key.startsWith('/') || key.startsWith('\\')) return false;
  return !key.split('/').some((segment) => segment === '.' || segment === '..');
}

function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders a ServiceError as OSS's XML error body (headers only for HEAD). */
export function ossErrorReply(error: ServiceError, requestId: string, hostId: string, method: string): Reply {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n' +
    `  <Code>${xmlEscape(error.code)}</Code>\n  <Message>${xmlEscape(error.message)}</Message>\n` +
    `  <RequestId>${requestId}</RequestId>\n  <HostId>${xmlEscape(hostId)}</HostId>\n` +
    `  <EC>${error.ec ?? ''}</EC>\n</Error>\n`;
  return {
    kind: 'response',
    status: error.status,
    headers: { 'content-type': 'application/xml', 'x-oss-request-id': requestId, 'x-oss-ec': error.ec ?? '' },
    body: method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(xml),
  };
}

/**
 * The headers OSS answers GetObject and HeadObject with, as far as the SDKs read them: oss2 and
 * alibabacloud-oss-v2 check `x-oss-hash-crc64ecma` against the bytes they received (and skip the check silently
 * when it is missing), read `ETag` (quoted upper-case MD5 hex), `Content-MD5`, `x-oss-request-id`, the object type
 * and storage class.
 */
function objectHeaders(
  requestId: string,
  object: { etag: string; contentType: string; size: number; lastModified: Date; contentMd5: string; body: Buffer },
) {
  return {
    'x-oss-request-id': requestId,
    etag: object.etag,
    'content-type': object.contentType,
    'content-length': String(object.size),
    'content-md5': object.contentMd5,
    'last-modified': object.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    'x-oss-object-type': 'Normal',
    'x-oss-storage-class': 'Standard',
    'x-oss-hash-crc64ecma': crc64Ecma(object.body),
  };
}

/** Handles one OSS request; `build` parses lazily so a malformed request becomes an error reply. */
export async function handleOss(
  build: () => OssRequest,
  method: string,
  hostId: string,
  core: EmulatorInstance,
): Promise<Reply> {
  const requestId = newOssRequestId();
  let operation: Operation | undefined;
  try {
    const req = build();
    operation = OPERATION_BY_METHOD[req.method];
    if (!operation) throw ossErrors.methodNotAllowed();
    const presigned = isPresigned(req);
    if (req.key === '' || (req.query.length > 0 && !presigned)) {
      operation = undefined;
      throw ossErrors.notImplemented();
    }
    if (!validKey(req.key)) throw ossErrors.invalidObjectName();

    const fault = core.faults.next(operation);
    if (fault.latencyMs > 0) await core.sleep(fault.latencyMs);
    if (fault.outcome === 'reset') {
      core.stats.record(operation, 'ConnectionReset');
      return { kind: 'reset' };
    }
    if (fault.outcome === 'error')
      throw fault.errorCode === 'InternalError' ? ossErrors.internalError() : ossErrors.serviceUnavailable();
    if (fault.outcome === 'throttle') throw ossErrors.slowDown();

    if (req.bucket !== core.bucket) throw ossErrors.noSuchBucket();
    const now = core.now();
    // A query-signed URL (GeneratePresignedUrl) is checked on its own; anything else needs an upload credential.
    if (presigned) verifyPresigned(req, core.presignKey, now);
    else authorizeUpload(req, authenticateOss(req, core.store, now, core.clockSkewMs));

    let reply: Reply;
    if (operation === 'PutObject') reply = putObject(req, requestId, now, core);
    else {
      const object = core.objects.get(req.bucket, req.key);
      if (!object) throw ossErrors.noSuchKey();
      const headers = objectHeaders(requestId, object);
      reply = {
        kind: 'response',
        status: 200,
        headers,
        body: operation === 'GetObject' ? object.body : Buffer.alloc(0),
      };
    }
    core.stats.record(operation, undefined);
    return reply;
  } catch (error) {
    const serviceError = error instanceof ServiceError ? error : ossErrors.internalError();
    core.stats.record(operation, serviceError.code);
    return ossErrorReply(serviceError, requestId, hostId, method);
  }
}

/** Upload credentials only, and only under their Dir. */
function authorizeUpload(req: OssRequest, credential: Credential): void {
  if (credential.kind !== 'upload' || !credential.scope) {
    throw ossErrors.accessDenied(
      'The bucket belongs to ChatApp; use the credentials from GetChatappUploadAuthorization.',
    );
  }
  const { dir } = credential.scope;
  if (credential.scope.bucket !== req.bucket || !req.key.startsWith(`${dir}/`) || req.key.length <= dir.length + 1) {
    throw ossErrors.accessDenied(`You have no right to access this object: these credentials only cover "${dir}/".`);
  }
}

function putObject(req: OssRequest, requestId: string, now: number, core: EmulatorInstance): Reply {
  if (req.body.length > MAX_OBJECT_BYTES) throw ossErrors.tooLarge(MAX_OBJECT_BYTES);
  const md5 = ossHeader(req, 'content-md5');
  if (md5 !== undefined) {
    const given = Buffer.from(md5, 'base64');
    const actual = createHash('md5').update(req.body).digest();
    if (given.length !== 16 || given.toString('base64') !== md5.trim() || !given.equals(actual))
      throw ossErrors.invalidDigest();
  }
  const sha = ossHeader(req, 'x-oss-content-sha256');
  if (
    sha !== undefined &&
    sha !== 'UNSIGNED-PAYLOAD' &&
    sha.toLowerCase() !== createHash('sha256').update(req.body).digest('hex')
  ) {
    throw ossErrors.invalidArgument('x-oss-content-sha256 does not match the request body.');
  }
  const contentType = ossHeader(req, 'content-type') ?? 'application/octet-stream';
  const object = core.objects.put(req.bucket, req.key, req.body, contentType, now);
  return {
    kind: 'response',
    status: 200,
    headers: {
      'x-oss-request-id': requestId,
      etag: object.etag,
      'content-length': '0',
      'content-md5': object.contentMd5,
      // The SDKs compare it with the CRC of what they uploaded; OSS sends it on every PutObject.
      'x-oss-hash-crc64ecma': crc64Ecma(object.body),
    },
    body: Buffer.alloc(0),
  };
}
