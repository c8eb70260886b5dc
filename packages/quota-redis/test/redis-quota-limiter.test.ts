// The limiter in one test process, against a real redis-server: several limiter instances stand in for several
// processes (each has its own connection, lanes and tickets). Grant times are read from this process's monotonic
// clock, which all instances share; windows are short so the suite stays quick.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisQuotaLimiter,
  describeRedisUrl,
  quotaLimiterFromEnv,
  QUOTA_REDIS_URL_ENV,
  type RedisQuotaLimiter,
  type RedisQuotaLimiterOptions,
} from '../src/index.js';
import { mostInAnyWindow } from './helpers/onboarding.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

interface Line {
  level: string;
  message: string;
}

function recorder(): { lines: Line[]; logger: NonNullable<RedisQuotaLimiterOptions['logger']> } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push({ level, message: `${message} ${JSON.stringify(fields ?? {})}` });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('createRedisQuotaLimiter', () => {
  let server: RedisServer;
  const open: RedisQuotaLimiter[] = [];
  let keyCount = 0;
  const freshKey = () => `ACCOUNT${++keyCount}#GetChatappUploadAuthorization`;
  const limiter = (options: Partial<RedisQuotaLimiterOptions> = {}): RedisQuotaLimiter => {
    const made = createRedisQuotaLimiter({
      url: server.url,
      requestsPerSecond: 3,
      windowMs: 300,
      safetyMarginMs: 20,
      logger: recorder().logger,
      ...options,
    });
    open.push(made);
    return made;
  };

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(open.map((made) => made.close()));
    await server.dispose();
  });

  it('keeps three "processes" together within the limit in any window, each served in call order', async () => {
    const key = freshKey();
    const grants: number[] = [];
    const orders = await Promise.all(
      [limiter(), limiter(), limiter()].map(async (made) => {
        const order: number[] = [];
        await Promise.all(
          Array.from({ length: 6 }, (_, index) =>
            made.acquire(key).then(() => {
              grants.push(performance.now());
              order.push(index);
            }),
          ),
        );
        return order;
      }),
    );
    expect(grants).toHaveLength(18);
    expect(mostInAnyWindow(grants, 300)).toBeLessThanOrEqual(3);
    for (const order of orders) expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('gives a late process its turn after the queue ahead, not after a busy process has drained', async () => {
    const key = freshKey();
    const busy = limiter();
    const quiet = limiter();
    const events: string[] = [];
    const busyDone = Promise.all(
      Array.from({ length: 12 }, () => busy.acquire(key).then(() => void events.push('busy'))),
    );
    // Wait until the busy process has used its first window, then ask once from the quiet one.
    while (events.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    events.push('quiet asks');
    await quiet.acquire(key);
    events.push('quiet');
    await busyDone;
    const asked = events.indexOf('quiet asks');
    const busyBetween = events.slice(asked, events.indexOf('quiet')).filter((event) => event === 'busy').length;
    // One process ahead holds one ticket: the quiet process waits for about one grant, not for the other eight.
    expect(busyBetween).toBeLessThanOrEqual(2);
  });

  it('falls back to its own conservative rate when Redis is unreachable, warns once, and never throws', async () => {
    const { lines, logger } = recorder();
    const down = limiter({ url: `unix://${server.socketPath}.missing`, logger, fallbackRequestsPerSecond: 1 });
    const key = freshKey();
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 3 }, () => down.acquire(key).then(() => void grants.push(performance.now()))),
    );
    expect(grants).toHaveLength(3);
    expect(mostInAnyWindow(grants, 300)).toBe(1);
    expect(down.usingRedis).toBe(false);
    expect(lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    expect(lines[0]?.message).toMatch(/is unreachable .*at most 1 call\(s\) per second/);
  });

  it('returns to Redis when it is back, and says so', async () => {
    const { lines, logger } = recorder();
    const made = limiter({ logger });
    const key = freshKey();
    await made.acquire(key);
    expect(made.usingRedis).toBe(true);
    await server.stop();
    await made.acquire(key);
    expect(made.usingRedis).toBe(false);
    await server.start();
    while (!lines.some((line) => /is back;/.test(line.message))) await made.acquire(key);
    expect(made.usingRedis).toBe(true);
    expect(lines.map((line) => line.level)).toEqual(['warn', 'info']);
  });

  it('never logs or echoes the password of the URL', async () => {
    const { lines, logger } = recorder();
    const url = 'redis://quota-user:Sup3rSecretPw@127.0.0.1:1/0';
    const made = limiter({ url, logger, connectTimeoutMs: 200 });
    await made.acquire(freshKey());
    const logged = lines.map((line) => line.message).join('\n');
    expect(logged).toContain('redis://***:***@127.0.0.1:1/0');
    expect(logged).not.toContain('Sup3rSecretPw');
    expect(logged).not.toContain('quota-user');
    expect(describeRedisUrl(url)).toBe('redis://***:***@127.0.0.1:1/0');
    let message = '';
    try {
      createRedisQuotaLimiter({ url: 'http://user:Sup3rSecretPw@example.com' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^url: must use redis:\/\/, rediss:\/\/ or unix:\/\//);
    expect(message).not.toContain('Sup3rSecretPw');
  });

  it('quotaLimiterFromEnv: an explicit URL wins, the environment is next, neither means core keeps its own', async () => {
    expect(quotaLimiterFromEnv({ env: {} })).toBeUndefined();
    expect(quotaLimiterFromEnv({ env: { [QUOTA_REDIS_URL_ENV]: '  ' } })).toBeUndefined();
    const fromEnv = quotaLimiterFromEnv({ env: { [QUOTA_REDIS_URL_ENV]: server.url }, logger: recorder().logger });
    expect(fromEnv).toBeDefined();
    open.push(fromEnv!);
    await fromEnv!.acquire(freshKey());
    expect(fromEnv!.usingRedis).toBe(true);
    expect(() =>
      quotaLimiterFromEnv({
        url: 'not a url',
        option: '--quota-redis-url',
        env: { [QUOTA_REDIS_URL_ENV]: server.url },
      }),
    ).toThrow(/^--quota-redis-url: is not a URL/);
    expect(() => quotaLimiterFromEnv({ env: { [QUOTA_REDIS_URL_ENV]: 'mysql://h' } })).toThrow(
      new RegExp(`^${QUOTA_REDIS_URL_ENV}: must use redis://`),
    );
  });
});
