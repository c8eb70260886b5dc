// The Lua script on its own, against a real redis-server: the sliding window, the queue order, leases, the
// recovery hold, and key expiry. Times come from Redis (grant scores), never from this process's clock.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defineWindowCommand,
  runWindow,
  windowKeys,
  type WindowKeys,
  type WindowRequest,
} from '../src/sliding-window-script.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sliding-window script', () => {
  let server: RedisServer;
  let redis: Redis;
  let keyCount = 0;
  const freshKeys = (): WindowKeys => windowKeys('test:', `ACCOUNT${++keyCount}#Op`);
  const request = (ticket: string, extra: Partial<WindowRequest> = {}): WindowRequest => ({
    ticket,
    limit: 3,
    spanMs: 400,
    leaseMs: 3000,
    holdMs: 0,
    ownGrantAgesMs: [],
    ...extra,
  });

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis({ path: server.socketPath, enableOfflineQueue: true });
    defineWindowCommand(redis);
  });
  afterAll(async () => {
    redis.disconnect();
    await server.dispose();
  });

  it('grants `limit` tickets at once, then names the wait until the oldest grant leaves the window', async () => {
    const keys = freshKeys();
    for (const ticket of ['a', 'b', 'c']) expect((await runWindow(redis, keys, request(ticket))).granted).toBe(true);
    const refused = await runWindow(redis, keys, request('d'));
    expect(refused.granted).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(0);
    expect(refused.waitMs).toBeLessThanOrEqual(400);
    await sleep(refused.waitMs);
    expect((await runWindow(redis, keys, request('d'))).granted).toBe(true);
  });

  it('never grants more than `limit` in any span, whatever the polling (a sliding window, not a fixed one)', async () => {
    const keys = freshKeys();
    const grantTimes: number[] = [];
    // Five pollers with 12 tickets each, polling at the hinted times: 60 grants over about 20 spans of 250 ms.
    await Promise.all(
      Array.from({ length: 5 }, async (_, poller) => {
        for (let n = 0; n < 12; n++) {
          const ticket = `p${poller}-${n}`;
          for (;;) {
            const decision = await runWindow(redis, keys, request(ticket, { spanMs: 250 }));
            if (decision.granted) break;
            await sleep(decision.waitMs);
          }
          grantTimes.push(Number(await redis.zscore(keys.grants, ticket)));
        }
      }),
    );
    grantTimes.sort((a, b) => a - b);
    expect(grantTimes).toHaveLength(60);
    let most = 0;
    for (let start = 0, end = 0; end < grantTimes.length; end++) {
      while ((grantTimes[end] as number) - (grantTimes[start] as number) >= 250) start++;
      most = Math.max(most, end - start + 1);
    }
    expect(most).toBe(3);
  });

  it('serves tickets in queue order: a later ticket does not take the slot a waiting one is owed', async () => {
    const keys = freshKeys();
    await runWindow(redis, keys, request('a'));
    await sleep(150);
    for (const ticket of ['b', 'c']) await runWindow(redis, keys, request(ticket));
    const first = await runWindow(redis, keys, request('first'));
    const second = await runWindow(redis, keys, request('second'));
    expect(first.granted || second.granted).toBe(false);
    // One slot frees: the second ticket asks first, but the first is ahead of it.
    await sleep(first.waitMs);
    expect((await runWindow(redis, keys, request('second'))).granted).toBe(false);
    expect((await runWindow(redis, keys, request('first'))).granted).toBe(true);
  });

  it('drops a waiting ticket whose process stopped polling once its lease ends', async () => {
    const keys = freshKeys();
    const short = { leaseMs: 150 };
    for (const ticket of ['a', 'b', 'c']) await runWindow(redis, keys, request(ticket, short));
    expect((await runWindow(redis, keys, request('gone', short))).granted).toBe(false);
    expect((await runWindow(redis, keys, request('alive', short))).granted).toBe(false);
    await sleep(420);
    // Two slots are free by now; "gone" never came back, and only its lease kept it ahead.
    expect(await redis.zscore(keys.queue, 'gone')).not.toBeNull();
    expect((await runWindow(redis, keys, request('alive', short))).granted).toBe(true);
    expect(await redis.zscore(keys.queue, 'gone')).toBeNull();
  });

  it('records grants reported after an outage and holds the key for everyone', async () => {
    const keys = freshKeys();
    const back = await runWindow(redis, keys, request('back', { holdMs: 200, ownGrantAgesMs: [10, 20] }));
    expect(back.granted).toBe(false);
    expect(back.waitMs).toBeLessThanOrEqual(200);
    expect(await redis.zcard(keys.grants)).toBe(2);
    const other = await runWindow(redis, keys, request('other'));
    expect(other.granted).toBe(false);
    await sleep(Math.max(back.waitMs, other.waitMs));
    // After the hold the two reported grants still count: one slot of three is left.
    const afterHold = await Promise.all(['back', 'other'].map((ticket) => runWindow(redis, keys, request(ticket))));
    expect(afterHold.map((decision) => decision.granted)).toEqual([true, false]);
  });

  it('lets idle keys expire', async () => {
    const keys = freshKeys();
    await runWindow(redis, keys, request('a'));
    const ttl = await redis.pttl(keys.grants);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3400);
  });

  it('keeps the keys of one quota key in one hash slot, even when the key has braces', () => {
    const keys = windowKeys('p:', 'AK{x}#Op');
    const tags = Object.values(keys).map((key) => /\{([^}]*)\}/.exec(key)?.[1]);
    expect(new Set(tags)).toEqual(new Set(['AK_x_#Op']));
  });
});
