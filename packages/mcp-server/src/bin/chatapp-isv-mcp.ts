#!/usr/bin/env node
// The `chatapp-isv-mcp` command: parse flags and environment, build the dependencies, serve stdio or HTTP.
// Anything it prints goes to stderr, except --help/--version, which exit before serving.
import { parseConfig, USAGE, UsageError } from '../config.js';
import { createServerDeps, loadSharedQuota } from '../deps.js';
import { createStderrLogger } from '../logger.js';
import { createRedactor, secretsFromEnv } from '../redact.js';
import { createServer, SERVER_VERSION } from '../server.js';
import { startStdioServer } from '../transports/stdio.js';

async function main(): Promise<void> {
  const config = parseConfig(process.argv.slice(2), process.env);
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (config.version) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return;
  }
  const redact = createRedactor(secretsFromEnv(process.env));
  const logger = createStderrLogger(redact);
  const quota = await loadSharedQuota(config, logger);
  const deps = createServerDeps(config, { redact, logger, ...(quota !== undefined ? { quota } : {}) });
  const factory = () => createServer(deps);
  logger.info('starting', {
    transport: config.http !== undefined ? 'http' : 'stdio',
    readOnly: config.readOnly,
    allowedDirs: deps.files.roots.length,
    sharedQuota: config.quotaRedisUrl !== undefined,
  });

  if (config.http !== undefined) {
    // Loaded only for --http: a stdio server (what hosts launch) should not pay for the HTTP middleware at start.
    const { startHttpServer } = await import('../transports/http.js');
    const server = await startHttpServer(factory, { ...config.http, logger });
    const stop = () => {
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  startStdioServer(factory, { logger });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const redact = createRedactor(secretsFromEnv(process.env));
  process.stderr.write(`chatapp-isv-mcp: ${redact(message)}\n`);
  if (error instanceof UsageError) process.stderr.write(`\n${USAGE}\n`);
  process.exit(1);
});
