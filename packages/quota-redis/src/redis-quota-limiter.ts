// createRedisQuotaLimiter: core's QuotaLimiter contract (acquire(key) resolves when one more call may be sent),
// with the windows in Redis so that every process and machine of an account draws from one quota.
//
// Within a process, callers of one key wait in a FIFO lane and only the lane's head holds a ticket in Redis, so a
// process never has more than one ticket per key: processes take turns (a busy process cannot crowd out a quiet
// one) and Redis sees one script call per grant and process, plus polls while waiting.
//
// Redis trouble never reaches the caller: a failed or timed-out command, or a connection that is not up, switches
// the process to the conservative local rate (fallback-window.ts) and logs one warning per outage; every later
// acquire tries Redis first again, and the first answer after a loss reports the local grants and holds the key
// (sliding-window-script.ts) until grants of processes that are still cut off have left the window.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_REQUESTS_PER_SECOND,
  DEFAULT_SAFETY_MARGIN_MS,
  ConfigurationError,
  type Logger,
  type QuotaLimiter,
  type QuotaOptions,
} from '@chatapp-isv/core';
import type { Redis } from 'ioredis';
import { createFallbackWindow } from './fallback-window.js';
import { connectRedis, describeRedisUrl, MAX_RECONNECT_DELAY_MS, scrubUrlSecrets } from './redis-connection.js';
import { defineWindowCommand, runWindow, windowKeys } from './sliding-window-script.js';

/** Options of createRedisQuotaLimiter. */
export interface RedisQuotaLimiterOptions extends QuotaOptions {
  /** `redis://[user:password@]host[:port][/db]`, `rediss://…` or `unix:///path/to/redis.sock`. */
  url?: string | undefined;
  /** Your own ioredis client instead of `url` (not closed by close(); give it enableOfflineQueue: false). */
  client?: Redis | undefined;
  /**
   * Prefix of the Redis keys.
   * @default 'chatapp-isv:quota:'
   */
  keyPrefix?: string | undefined;
  /**
   * Calls per second per key each process may send on its own while Redis is unreachable.
   * @default 1
   */
  fallbackRequestsPerSecond?: number | undefined;
  /**
   * Extra hold after an outage, in ms, for processes still cut off to notice Redis is back.
   * @default 1500
   */
  recoveryGraceMs?: number | undefined;
  /**
   * A waiting ticket whose process stops polling leaves the queue after this many ms.
   * @default 3000
   */
  leaseMs?: number | undefined;
  /**
   * Per-command timeout in ms; a slower answer counts as an outage.
   * @default 1000
   */
  commandTimeoutMs?: number | undefined;
  /**
   * How long the first acquire waits for the first connection, in ms.
   * @default 1000
   */
  connectTimeoutMs?: number | undefined;
  /**
   * Receives the outage warning and the recovery notice. Never gets credentials.
   * @default a logger writing to standard error
   */
  logger?: Logger | undefined;
  /**
   * Names the URL option in errors.
   * @default 'url'
   */
  option?: string | undefined;
}

/** A QuotaLimiter over Redis. */
export interface RedisQuotaLimiter extends QuotaLimiter {
  /** False while this process runs on its own fallback rate. */
  readonly usingRedis: boolean;
  /** Closes the connection it opened; later acquires run on the fallback rate. */
  close(): Promise<void>;
}

/** Default calls per second per key and process while Redis is unreachable. */
export const DEFAULT_FALLBACK_REQUESTS_PER_SECOND = 1;
/** Default prefix of the Redis keys. */
export const DEFAULT_KEY_PREFIX = 'chatapp-isv:quota:';

const stderrLogger: Logger = {
  debug: () => undefined,
  info: (message, fields) => process.stderr.write(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`),
  warn: (message, fields) => process.stderr.write(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`),
  error: (message, fields) => process.stderr.write(`${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`),
};

function positiveInteger(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new ConfigurationError(option, 'must be a positive integer');
  return value;
}

function nonNegative(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) throw new ConfigurationError(option, 'must be a number >= 0');
  return value;
}

interface Lane {
  waiters: Array<() => void>;
  running: boolean;
}

/**
 * Creates the limiter; it connects in the background and never throws from acquire (while Redis is unreachable,
 * each process sends at `fallbackRequestsPerSecond`). Close it when done, or the connection keeps the process alive.
 *
 * @example
 * ```ts
 * import { createIsvTermsClient } from '@chatapp-isv/core';
 * import { createRedisQuotaLimiter } from '@chatapp-isv/quota-redis';
 *
 * const quota = createRedisQuotaLimiter({ url: 'redis://127.0.0.1:6379', requestsPerSecond: 5 });
 * const client = createIsvTermsClient({ quota });
 * try {
 *   await client.readCustomerTerms({ custSpaceId: '293483938849493' });
 * } finally {
 *   await quota.close();
 * }
 * ```
 * @throws ConfigurationError (from core) when neither `url` nor `client` is given, or a quota number is not valid,
 *   naming the setting (`options.option` for the URL); the URL itself is never echoed
 */
export function createRedisQuotaLimiter(options: RedisQuotaLimiterOptions): RedisQuotaLimiter {
  const option = options.option ?? 'url';
  const limit = positiveInteger('quota.requestsPerSecond', options.requestsPerSecond, DEFAULT_REQUESTS_PER_SECOND);
  const windowMs = nonNegative('quota.windowMs', options.windowMs, 1000);
  if (windowMs === 0) throw new ConfigurationError('quota.windowMs', 'must be > 0');
  const spanMs = windowMs + nonNegative('quota.safetyMarginMs', options.safetyMarginMs, DEFAULT_SAFETY_MARGIN_MS);
  const share = positiveInteger(
    'fallbackRequestsPerSecond',
    options.fallbackRequestsPerSecond,
    DEFAULT_FALLBACK_REQUESTS_PER_SECOND,
  );
  const holdMs = spanMs + nonNegative('recoveryGraceMs', options.recoveryGraceMs, MAX_RECONNECT_DELAY_MS + 500);
  const leaseMs = nonNegative('leaseMs', options.leaseMs, 3000);
  const connectTimeoutMs = nonNegative('connectTimeoutMs', options.connectTimeoutMs, 1000);
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const logger = options.logger ?? stderrLogger;
  if (options.client === undefined && (options.url === undefined || options.url.trim() === '')) {
    throw new ConfigurationError(option, 'a Redis URL (or client) is required');
  }
  const url = options.url ?? '';
  const redis =
    options.client ??
    connectRedis({
      url,
      commandTimeoutMs: nonNegative('commandTimeoutMs', options.commandTimeoutMs, 1000),
      connectTimeoutMs,
      option,
    });
  const where = options.client === undefined ? describeRedisUrl(url) : 'the given client';
  defineWindowCommand(redis);

  const processTag = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const fallback = createFallbackWindow(share, spanMs);
  const lanes = new Map<string, Lane>();
  const wakers = new Set<() => void>();
  let tickets = 0;
  let closed = false;
  let wasReady = redis.status === 'ready';
  /** Local time the current outage was noticed; undefined while Redis answers. */
  let outageSince: number | undefined;
  /** Counts connection losses and failed commands; a key whose last answer is older must report and hold. */
  let lossEpoch = 0;
  const answeredEpoch = new Map<string, number>();

  const wakeAll = (): void => {
    for (const wake of [...wakers]) wake();
  };
  redis.on('ready', () => {
    wasReady = true;
    wakeAll();
  });
  redis.on('close', () => {
    if (wasReady) lossEpoch += 1;
    wasReady = false;
  });
  // Without a listener ioredis prints every connection error itself; the limiter reports outages once instead.
  redis.on('error', () => undefined);
  // An idle connection must not keep a finished CLI run alive; command timeouts and our own timers keep the
  // process alive while a call waits.
  redis.on('connect', () => redis.stream?.unref?.());

  /** Sleeps `ms`, or less when Redis becomes ready (so waiters on the fallback rate return to Redis at once). */
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  const noteOutage = (reason: string): void => {
    lossEpoch += 1;
    if (outageSince !== undefined) return;
    outageSince = performance.now();
    logger.warn(
      `quota-redis: Redis at ${where} is unreachable (${scrubUrlSecrets(reason, url)}); until it is back this ` +
        `process sends at most ${share} call(s) per second per account and operation on its own`,
      { fallbackRequestsPerSecond: share },
    );
  };

  const noteAnswer = (key: string): void => {
    answeredEpoch.set(key, lossEpoch);
    if (outageSince === undefined) return;
    outageSince = undefined;
    logger.info(`quota-redis: Redis at ${where} is back; the shared quota applies again`);
  };

  /** True when a command can be sent now; on the very first use, waits briefly for the first connection. */
  const status = (): string => redis.status;
  const usable = async (): Promise<boolean> => {
    if (closed) return false;
    if (status() === 'ready') return true;
    if (!wasReady && lossEpoch === 0 && ['wait', 'connecting', 'connect'].includes(status())) {
      if (status() === 'wait') redis.connect().catch(() => undefined);
      const deadline = performance.now() + connectTimeoutMs;
      while (status() !== 'ready' && status() !== 'reconnecting' && performance.now() < deadline) {
        await pause(Math.min(50, Math.max(1, deadline - performance.now())));
      }
      return status() === 'ready';
    }
    return false;
  };

  /** Waits until one call under `key` may be sent, through Redis when it answers and on the fallback otherwise. */
  const obtain = async (key: string): Promise<void> => {
    tickets += 1;
    const ticket = `${processTag}:${tickets.toString(36)}`;
    const keys = windowKeys(prefix, key);
    for (;;) {
      if (await usable()) {
        try {
          const behind = (answeredEpoch.get(key) ?? 0) !== lossEpoch;
          const decision = await runWindow(redis, keys, {
            ticket,
            limit,
            spanMs,
            leaseMs,
            holdMs: behind ? holdMs : 0,
            ownGrantAgesMs: behind ? fallback.recentGrantAges(key, performance.now()) : [],
          });
          noteAnswer(key);
          if (decision.granted) return;
          // Poll again well within the ticket's lease, so a live waiter never loses its place.
          await pause(Math.min(decision.waitMs, Math.max(1, leaseMs / 3)));
          continue;
        } catch (error) {
          noteOutage(error instanceof Error ? error.message : String(error));
        }
      } else {
        noteOutage(closed ? 'the limiter was closed' : `not connected (${redis.status})`);
      }
      const now = performance.now();
      const waitMs = fallback.tryGrant(key, outageSince ?? now, now);
      if (waitMs === 0) return;
      await pause(Math.min(waitMs, 250));
    }
  };

  const drain = async (key: string, lane: Lane): Promise<void> => {
    lane.running = true;
    for (let head = lane.waiters[0]; head !== undefined; head = lane.waiters[0]) {
      await obtain(key);
      lane.waiters.shift();
      head();
    }
    lane.running = false;
    lanes.delete(key);
  };

  return {
    get usingRedis() {
      return !closed && outageSince === undefined && redis.status === 'ready';
    },
    acquire(key: string): Promise<void> {
      return new Promise<void>((resolve) => {
        let lane = lanes.get(key);
        if (lane === undefined) {
          lane = { waiters: [], running: false };
          lanes.set(key, lane);
        }
        lane.waiters.push(resolve);
        if (!lane.running) void drain(key, lane);
      });
    },
    async close(): Promise<void> {
      closed = true;
      wakeAll();
      if (options.client !== undefined) return;
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}
