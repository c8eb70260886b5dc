// The HTTP transport's own limits, against real sockets: a client that never finishes its headers or its body is
// cut off; connections beyond the cap are closed; a body over the limit is refused with 413 before it is read; an
// absolute-form request-target gets 400, not a 500; and the server keeps serving after each. The server runs in
// process with small limits so the slow clients need not wait long; what is asserted is the outcome, not the time.
import { connect, type Socket } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { server } from './native.js';

const { createRedactor, createServer, createServerDeps, silentLogger, startHttpServer } = server;

let handle: Awaited<ReturnType<typeof startHttpServer>>;
let port: number;
const LIMITS = {
  headersTimeoutMs: 300,
  requestTimeoutMs: 600,
  keepAliveTimeoutMs: 300,
  maxConnections: 4,
  maxBodyBytes: 64 * 1024,
};

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

beforeAll(async () => {
  const deps = createServerDeps(
    { allowDirs: [], readOnly: true, confirm: 'ask', help: false, version: false },
    { redact: createRedactor([]), logger: silentLogger },
  );
  handle = await startHttpServer(() => createServer(deps), {
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: [],
    allowedHosts: [],
    logger: silentLogger,
    limits: LIMITS,
  });
  port = handle.port;
});

afterAll(async () => {
  await handle.close();
});

/** Opens a raw socket, writes `text`, and resolves with everything received once the server closes it. */
function raw(text: string, options: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1', () => {
      if (options.end === true) socket.end(text);
      else socket.write(text);
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve(received) : reject(error),
    );
  });
}

async function initializeStatus(): Promise<number> {
  const response = await fetch(handle.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: INITIALIZE,
  });
  await response.body?.cancel();
  return response.status;
}

describe('HTTP limits', () => {
  it('answers 400 to an absolute-form request-target, and keeps serving', async () => {
    const head = await raw(
      `POST http://evil.example/mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: ${INITIALIZE.length}\r\nConnection: close\r\n\r\n${INITIALIZE}`,
      { end: true },
    );
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head).toContain('origin-form');
    expect(await initializeStatus()).toBe(200);
  });

  it('cuts off a client that never finishes its headers (slowloris)', async () => {
    const received = await raw(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    // Node answers 408 (or just closes); either way the socket is closed by the server, not left open.
    expect(received === '' || /^HTTP\/1\.1 408 /.test(received)).toBe(true);
    expect(await initializeStatus()).toBe(200);
  });

  it('cuts off a client that sends headers but never the whole body', async () => {
    const received = await raw(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"jsonrpc":`,
    );
    expect(received === '' || /^HTTP\/1\.1 (408|400) /.test(received)).toBe(true);
    expect(await initializeStatus()).toBe(200);
  });

  it('refuses a declared body over the limit with 413 before reading it', async () => {
    const head = await raw(
      `POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${LIMITS.maxBodyBytes + 1}\r\n\r\n`,
    );
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(await initializeStatus()).toBe(200);
  });

  it('closes connections beyond the cap as they arrive, and serves again once they are gone', async () => {
    const held: Socket[] = [];
    for (let i = 0; i < LIMITS.maxConnections; i += 1) {
      held.push(
        await new Promise<Socket>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.on('error', () => {});
        }),
      );
    }
    const extra = await raw(`GET /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(extra).toBe('');
    for (const socket of held) socket.destroy();
    // The held sockets are closed on the server side too once it sees them go; poll until it serves again.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt += 1) {
      status = await initializeStatus().catch(() => 0);
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
  });
});
