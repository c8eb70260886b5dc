// One node:http handler for everything: /__emulator/* → inspection; `/` with an RPC action (x-acs-action header,
// Action parameter, a form POST, or any `/` request on the bare IP) → ChatApp RPC; anything else → OSS.
// Bodies are capped before they are buffered, and no request, however malformed, can throw out of here.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { EmulatorInstance, Reply } from './instance.js';
import { newOssRequestId, newRpcRequestId, ossErrors, rpcErrors } from './errors.js';
import { handleInspection } from './inspection.js';
import { handleOss, MAX_OBJECT_BYTES, ossErrorReply } from './oss/handle-oss.js';
import { locateObject } from './oss/request.js';
import { buildRpcRequest } from './rpc/request.js';
import { handleRpc, rpcErrorReply } from './rpc/handle-rpc.js';

const MAX_RPC_BODY = 1024 * 1024;
const MAX_INSPECTION_BODY = 64 * 1024;

type Kind = 'rpc' | 'oss' | 'inspection';

function classify(req: IncomingMessage, rawPath: string, rawQuery: string, host: string): Kind {
  if (rawPath.startsWith('/__emulator/')) return 'inspection';
  if (rawPath !== '/' && rawPath !== '') return 'oss';
  if (req.headers['x-acs-action'] !== undefined || /(^|&)Action=/.test(rawQuery)) return 'rpc';
  if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return 'rpc';
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return hostname === '' || hostname === 'localhost' || isIP(hostname) !== 0 ? 'rpc' : 'oss';
}

/**
 * Buffers a body up to `limit` bytes; resolves undefined when it is larger. An oversized body is drained (so the
 * client can read the refusal) up to 8× the limit; beyond that the connection is cut.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | undefined) => {
      if (!settled) resolve(value);
      settled = true;
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 8) {
        req.socket.destroy();
        settle(undefined);
      }
    });
    req.on('end', () => settle(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', () => settle(undefined));
    req.on('close', () => settle(size <= limit && req.complete ? Buffer.concat(chunks) : undefined));
  });
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply, closeAfter: boolean): void {
  if (reply.kind === 'reset') {
    req.socket.destroy();
    return;
  }
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...reply.headers, date: new Date().toUTCString() };
  if (headers['content-length'] === undefined || req.method !== 'HEAD')
    headers['content-length'] = String(reply.body.length);
  if (closeAfter) headers.connection = 'close';
  res.writeHead(reply.status, headers);
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

/** Handles one request end to end; never rejects. */
export async function route(req: IncomingMessage, res: ServerResponse, core: EmulatorInstance): Promise<void> {
  const arrivedAt = core.now();
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const host = String(req.headers.host ?? '');
  const method = req.method ?? 'GET';
  const hostId = host.replace(/[^A-Za-z0-9.:[\]-]/g, '').slice(0, 255) || 'localhost';
  const kind = classify(req, rawPath, rawQuery, host);
  const limit = kind === 'oss' ? MAX_OBJECT_BYTES : kind === 'rpc' ? MAX_RPC_BODY : MAX_INSPECTION_BODY;

  let reply: Reply;
  try {
    const body = await readBody(req, limit);
    if (body === undefined) {
      const tooLarge =
        kind === 'oss'
          ? ossErrorReply(ossErrors.tooLarge(MAX_OBJECT_BYTES), newOssRequestId(), hostId, method)
          : rpcErrorReply(rpcErrors.tooLarge(), newRpcRequestId(), hostId);
      core.stats.record(undefined, kind === 'oss' ? 'EntityTooLarge' : 'RequestEntityTooLarge');
      send(req, res, tooLarge, true);
      return;
    }
    if (kind === 'inspection') {
      reply = handleInspection(method, rawPath.slice('/__emulator/'.length), rawQuery, body, core);
    } else if (kind === 'rpc') {
      const build = () =>
        buildRpcRequest(method, req.headers, req.headersDistinct as Record<string, string[]>, rawQuery, body);
      reply = await handleRpc(build, rawPath, hostId, arrivedAt, core);
    } else {
      const build = () => ({
        method,
        headers: req.headersDistinct as Record<string, string[]>,
        body,
        ...locateObject(host, rawPath, rawQuery),
      });
      reply = await handleOss(build, method, hostId, core);
    }
  } catch {
    reply = rpcErrorReply(rpcErrors.internalError(), newRpcRequestId(), hostId);
  }
  send(req, res, reply, false);
}
