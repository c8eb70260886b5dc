// startEmulator: builds one instance's state from the seed and options, serves it on one node:http server, and
// returns the handle tests use. Nothing lives at module level, so several emulators can run side by side.
import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { createNonceCache } from './auth/nonce-cache.js';
import type { EmulatorInstance } from './instance.js';
import { createFaultTable } from './faults.js';
import { route } from './router.js';
import { createPresignKey } from './auth/oss-presigned.js';
import {
  defaultSeed,
  loadSeedFile,
  validateLatency,
  validateRateLimits,
  validateSeed,
  validateWithdrawn,
} from './seed.js';
import { createAccountStore } from './state/accounts.js';
import { createInstanceStore } from './state/instances.js';
import { createObjectStore } from './state/object-store.js';
import { createRateLimiter } from './state/rate-limiter.js';
import { createStatsRecorder } from './state/stats.js';
import { createSubmissionLog } from './state/submissions.js';
import type { Emulator, EmulatorOptions } from './types.js';

/** The bucket that holds agreement files (3-63 characters, as ali-oss requires). */
export const TERMS_BUCKET = 'chatapp-isv-terms';

function positive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new TypeError(`${name} must be a positive number`);
  return value;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Starts an emulator of ChatApp (cams 2020-06-06) and OSS on one local HTTP port; resolves once it listens. It checks
 * signatures, quotas and RAM policies like the service, and records what it was sent. Close it when done.
 *
 * @example
 * ```ts
 * import { startEmulator } from '@chatapp-isv/emulator';
 *
 * const emulator = await startEmulator({ rateLimitPerSecond: 5 }); // default seed: accounts[0] may do everything
 * const [account] = emulator.accounts;
 * // Point a client at emulator.endpoint (plain http://) with account's AccessKey pair.
 * console.log(emulator.endpoint, account?.accessKeyId, account?.custSpaceIds);
 * emulator.setFaults('GetChatappUploadAuthorization', { throttle: true, count: 1 }); // over quota once
 * console.log(emulator.stats().requests, emulator.submissions().length);
 * await emulator.close();
 * ```
 * @throws TypeError for an invalid option or seed, naming it; Error for a seed file that cannot be read; the
 *   listen error (e.g. EADDRINUSE) when the port is taken
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const seed =
    typeof options.seed === 'string' ? loadSeedFile(options.seed) : validateSeed(options.seed ?? defaultSeed());
  const rateLimit = positive(options.rateLimitPerSecond ?? seed.rateLimitPerSecond, 'rateLimitPerSecond', 5);
  const latency = { ...seed.latencyMs, ...(options.latencyMs ? validateLatency(options.latencyMs, 'latencyMs') : {}) };
  const clockSkewMs = positive(options.clockSkewSeconds, 'clockSkewSeconds', 900) * 1000;
  const ttl = positive(options.authorizationTtlSeconds, 'authorizationTtlSeconds', 3600);
  if (!Number.isInteger(ttl))
    throw new TypeError('authorizationTtlSeconds must be a whole number of seconds (Expire is an integer)');
  const presignedTtl = positive(options.presignedUrlTtlSeconds, 'presignedUrlTtlSeconds', 3600);
  if (!Number.isInteger(presignedTtl))
    throw new TypeError('presignedUrlTtlSeconds must be a whole number of seconds (Expires is an integer)');
  const quotas = {
    ...seed.rateLimitPerOperation,
    ...(options.rateLimitPerOperation
      ? validateRateLimits(options.rateLimitPerOperation, 'rateLimitPerOperation', 'invalid option')
      : {}),
  };
  const withdrawn = new Set<string>(
    options.withdrawnOperations
      ? validateWithdrawn(options.withdrawnOperations, 'withdrawnOperations', 'invalid option')
      : (seed.withdrawnOperations ?? []),
  );
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new TypeError('port must be an integer between 0 and 65535');

  const now = () => Date.now();
  const closing = new AbortController();
  // Every delayed request listens on this one signal; a hundred at once is normal, not a leak.
  setMaxListeners(0, closing.signal);
  let endpoint = '';
  const store = createAccountStore(seed.accounts, now);
  const core: EmulatorInstance = {
    store,
    objects: createObjectStore(),
    submissions: createSubmissionLog(),
    instances: createInstanceStore(store.accounts, (id) => store.ownerOf(id) !== undefined),
    presignKey: createPresignKey(),
    presignedUrlTtlSeconds: presignedTtl,
    bucket: TERMS_BUCKET,
    ossEndpoint: () => endpoint,
    authorizationTtlSeconds: ttl,
    now,
    stats: createStatsRecorder(),
    faults: createFaultTable(latency),
    limiter: createRateLimiter(rateLimit),
    nonces: createNonceCache(2 * clockSkewMs),
    clockSkewMs,
    quotaFor: (operation) => (quotas as Partial<Record<string, number>>)[operation] ?? rateLimit,
    withdrawn,
    // timers/promises removes its abort listener when the timer fires, so many concurrent delays leak nothing.
    sleep: (ms) => delay(ms, undefined, { signal: closing.signal }),
  };

  const sockets = new Set<Socket>();
  const server = createServer({ requestTimeout: 60_000 }, (req, res) => void route(req, res, core));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  await listen(server, port, host);
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  // Clients must reach an IP: ali-oss keeps an IP endpoint's path as /<key> (see README, "EndPoint").
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  endpoint = `http://${publicHost}:${boundPort}`;

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    accounts: seed.accounts.map((a) => ({
      ...a,
      deniedActions: [...a.deniedActions],
      custSpaceIds: [...a.custSpaceIds],
    })),
    submissions: () => core.submissions.list(),
    stats: () => core.stats.snapshot(),
    objects: () => core.objects.list(),
    instances: () => core.instances.list(),
    setWithdrawnOperations(operations) {
      const valid = validateWithdrawn(operations, 'operations', 'setWithdrawnOperations');
      withdrawn.clear();
      for (const operation of valid) withdrawn.add(operation);
    },
    setFaults: (operation, fault) => core.faults.set(operation, fault),
    clearFaults: (operation) => core.faults.clear(operation),
    issueStsCredentials(accessKeyId, ttlSeconds = 3600) {
      const credential = core.store.lookup(accessKeyId);
      if (!credential || credential.kind !== 'account')
        throw new Error('issueStsCredentials needs the AccessKey ID of a seeded account');
      return core.store.issue(credential.account, positive(ttlSeconds, 'ttlSeconds', 3600));
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closed;
    },
  };
}
