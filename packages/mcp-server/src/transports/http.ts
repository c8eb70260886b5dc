// Streamable HTTP at /mcp, for clients that connect to a running server. The SDK's createMcpHandler serves
// 2026-07-28 requests and, in its stateless legacy mode, 2025-era ones (initialize included) from the same
// factory; it keeps no sessions, so there is no session id to guess or leak. In front of it sit the checks the
// SDK leaves to us: Host (DNS rebinding) and Origin (403), and an optional bearer token (401).
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { hostHeaderValidation, originValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, localhostAllowedHostnames, localhostAllowedOrigins } from '@modelcontextprotocol/server';
import type { McpServer } from '@modelcontextprotocol/server';

import type { HttpConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { refuseProtoKeys } from '../proto-guard.js';

/** The path the MCP endpoint is served at. */
export const MCP_PATH = '/mcp';

/**
 * The HTTP server's own limits, explicit rather than Node's defaults (60 s for headers, 300 s per request, no cap
 * on connections), so a slow or greedy client cannot hold the server's sockets open.
 */
export interface HttpLimits {
  /** Time a client has to send the complete request headers (Node: `headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** Time a client has to send the whole request, body included (Node: `requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** Idle time an open keep-alive connection is kept between requests (Node: `keepAliveTimeout`). */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at once; more are closed as they arrive (Node: `maxConnections`). */
  readonly maxConnections: number;
  /** Largest request body; a larger declared Content-Length is answered 413 before the body is read. */
  readonly maxBodyBytes: number;
}

/** The defaults: room for a 2 MiB PDF in base64 and a 50 s batch wait, nothing more. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 64,
  maxBodyBytes: 4 * 1024 * 1024,
};

/** A running HTTP server. */
export interface HttpServerHandle {
  /** The endpoint URL, e.g. `http://127.0.0.1:8765/mcp`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops accepting requests and closes open connections. */
  close(): Promise<void>;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function sendJsonError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

/** Compares the request's bearer token with `expected` in constant time. */
function hasToken(req: IncomingMessage, expected: Buffer): boolean {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match !== null && timingSafeEqual(digest(match[1] as string), expected);
}

/** The request's path, or undefined when the request-target does not parse as a URL path. */
function pathOf(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return undefined;
  }
}

/** Reads a request body up to `max` bytes; undefined when it is longer. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The JSON-RPC error for a body whose request (or any request of a batch) carries a `__proto__` key. */
function protoRefusal(body: Buffer): Record<string, unknown> | undefined {
  if (!body.includes('__proto__')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined; // not JSON: the SDK answers it as it always does
  }
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    const refusal = refuseProtoKeys(message);
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

/** Starts Streamable HTTP on `config.host:config.port`, serving `factory`'s servers at /mcp. */
export async function startHttpServer(
  factory: () => McpServer,
  config: HttpConfig & { readonly logger: Logger; readonly limits?: Partial<HttpLimits> },
): Promise<HttpServerHandle> {
  const { logger } = config;
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...config.limits };
  const onerror = (error: Error) => logger.warn('http transport error', { error: error.message });
  const handler = createMcpHandler(factory, {
    legacy: 'stateless',
    onerror,
    maxRequestBodySize: limits.maxBodyBytes,
  });
  const serveMcp = toNodeHandler(handler, { onerror });

  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  const hostNames = [...localhostAllowedHostnames(), ...config.allowedHosts];
  if (!wildcard) hostNames.push(config.host.includes(':') ? `[${config.host}]` : config.host);
  // The checks compare with URL-parsed host names, which are lower case: `--allowed-host MyBox` must still match.
  const checkHost = hostHeaderValidation(hostNames.map((name) => name.toLowerCase()));
  const checkOrigin = originValidation(
    [...localhostAllowedOrigins(), ...config.allowedOrigins].map((name) => name.toLowerCase()),
  );
  const token = config.token !== undefined ? digest(config.token) : undefined;

  const server = createHttpServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // requestTimeout covers receiving the request, not the time a tool call takes to answer.
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node looks for connections past those timeouts (default 30 s, far coarser than the limits).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      // Host and Origin first: a rebinding page must learn nothing, not even whether a path exists.
      if (!checkHost(req, res) || !checkOrigin(req, res)) {
        logger.warn('http request refused', { reason: 'host or origin', method: req.method });
        return;
      }
      // The request-target is client text: only origin-form (`/mcp`) is ours to serve. The absolute form
      // (`POST http://evil.example/mcp`) is for proxies, and `new URL` throws on some targets (e.g. `//[`).
      const path = req.url?.startsWith('/') === true && !req.url.startsWith('//') ? pathOf(req.url) : undefined;
      if (path === undefined) {
        sendJsonError(res, 400, 'Bad request: the request-target must be a path such as /mcp (origin-form)');
        return;
      }
      if (path !== MCP_PATH) {
        sendJsonError(res, 404, `Not found: the MCP endpoint is ${MCP_PATH}`);
        return;
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limits.maxBodyBytes) {
        res.setHeader('connection', 'close');
        sendJsonError(res, 413, `Payload too large: at most ${limits.maxBodyBytes} bytes`);
        return;
      }
      if (token !== undefined && !hasToken(req, token)) {
        logger.warn('http request refused', { reason: 'missing or wrong bearer token', method: req.method });
        sendJsonError(res, 401, 'Unauthorized: send Authorization: Bearer <token>', {
          'www-authenticate': 'Bearer realm="chatapp-isv-mcp"',
        });
        return;
      }
      const fail = (error: unknown) => {
        onerror(error instanceof Error ? error : new Error(String(error)));
        if (!res.headersSent) sendJsonError(res, 500, 'Internal server error');
        else res.end();
      };
      if (req.method !== 'POST') {
        serveMcp(req as Parameters<typeof serveMcp>[0], res).catch(fail);
        return;
      }
      // The body is read here, within the limit (chunked bodies too), so a request carrying a `__proto__` key can be
      // refused before the SDK's parsing drops that key silently; the SDK then reads the same bytes.
      readBody(req, limits.maxBodyBytes).then((body) => {
        if (body === undefined) {
          res.setHeader('connection', 'close');
          sendJsonError(res, 413, `Payload too large: at most ${limits.maxBodyBytes} bytes`);
          return;
        }
        const refusal = protoRefusal(body);
        if (refusal !== undefined) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify(refusal));
          return;
        }
        const replay = {
          method: req.method ?? 'POST',
          url: req.url ?? MCP_PATH,
          headers: req.headers,
          async *[Symbol.asyncIterator]() {
            if (body.length > 0) yield body;
          },
        };
        serveMcp(replay, res).catch(fail);
      }, fail);
    },
  );
  server.maxConnections = limits.maxConnections;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = wildcard ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${urlHost}:${port}${MCP_PATH}`;
  logger.info('listening', { url, auth: token !== undefined ? 'bearer' : 'none' });

  return {
    url,
    port,
    async close() {
      await handler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
