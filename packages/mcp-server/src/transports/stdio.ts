// stdio: the default transport, for assistants that launch the server as a child process. The SDK's serveStdio
// reads the client's first message and pins the connection to its era: an `initialize` opening gets a 2025-era
// server, a `server/discover` opening a 2026-07-28 one, both built by the same factory. stdout carries only
// protocol messages; everything we log goes to stderr.
import type { McpServer, Transport } from '@modelcontextprotocol/server';
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import type { StdioServerHandle } from '@modelcontextprotocol/server/stdio';

import type { Logger } from '../logger.js';
import { protoGuardStdin } from '../proto-guard.js';

/** Options for {@link startStdioServer}. */
export interface StdioOptions {
  /** Where transport errors are reported. */
  readonly logger: Logger;
  /** A transport to serve instead of process stdin/stdout (e.g. an in-memory pair in tests). */
  readonly transport?: Transport;
}

/** Serves `factory`'s servers over stdio (or `options.transport`); resolves to a handle whose close() ends it. */
export function startStdioServer(factory: () => McpServer, options: StdioOptions): StdioServerHandle {
  // Process stdin passes a filter first that refuses requests carrying `__proto__` keys (see proto-guard.ts).
  const transport =
    options.transport ?? new StdioServerTransport(process.stdin.pipe(protoGuardStdin(process.stdout)), process.stdout);
  return serveStdio(factory, {
    transport,
    onerror: (error) => options.logger.warn('stdio transport error', { error: error.message }),
  });
}
