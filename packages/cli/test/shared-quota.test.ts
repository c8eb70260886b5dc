// The account's quota shared through Redis by configuration alone: two `chatapp-isv onboard` runs at once, one
// given --quota-redis-url and one CHATAPP_ISV_QUOTA_REDIS_URL, take their quota slots from one real redis-server;
// a bad URL is a usage error that names the flag without echoing the URL. (The cross-process guarantees themselves
// are proven in @chatapp-isv/quota-redis's own suites.)
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../quota-redis/test/helpers/redis-server.js';
import {
  cliEnv,
  runCli,
  spaceIds,
  startEmulatorProcess,
  tempDir,
  writeCustomers,
  type EmulatorProcess,
} from './helpers/harness.js';

let emu: EmulatorProcess;
let redis: RedisServer;
let dir: string;
let remove: () => Promise<void>;
const first = spaceIds('71', 8);
const second = spaceIds('72', 8);

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-shared-quota-'));
  [emu, redis] = await Promise.all([startEmulatorProcess(dir, [...first, ...second]), startRedisServer()]);
});
afterAll(async () => {
  await emu?.close();
  await redis?.dispose();
  await remove?.();
});

describe('chatapp-isv with a shared quota', () => {
  it('takes the quota slots of two concurrent runs from Redis, by flag or by environment', async () => {
    const [csvA, csvB] = await Promise.all([
      writeCustomers(dir, first, 'first.csv'),
      writeCustomers(dir, second, 'second.csv'),
    ]);
    const [byFlag, byEnv] = await Promise.all([
      runCli(['onboard', csvA, '--yes', '--quota-redis-url', redis.url], { env: cliEnv(emu) }),
      runCli(['onboard', csvB, '--yes'], { env: cliEnv(emu, { CHATAPP_ISV_QUOTA_REDIS_URL: redis.url }) }),
    ]);
    expect(byFlag.code, byFlag.stderr).toBe(0);
    expect(byEnv.code, byEnv.stderr).toBe(0);
    expect(await emu.submissions()).toHaveLength(16);
    // Both runs counted under the one account key in Redis (the keys expire a few seconds after the last call).
    const keys = execFileSync('redis-cli', ['-s', redis.socketPath, '--raw', 'KEYS', '*:grants'], { encoding: 'utf8' });
    expect(keys).toContain(`chatapp-isv:quota:{${emu.accessKeyId}#SubmitIsvCustomerTerms}:grants`);
    expect(byFlag.stderr + byEnv.stderr).not.toMatch(/unreachable/);
  });

  it('refuses a bad --quota-redis-url as a usage error, naming the flag but not echoing the URL', async () => {
    const csv = await writeCustomers(dir, first.slice(0, 1), 'bad-url.csv');
    const run = await runCli(['onboard', csv, '--yes', '--quota-redis-url', 'http://user:Pa55word@example.com'], {
      env: cliEnv(emu),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--quota-redis-url: must use redis:\/\/, rediss:\/\/ or unix:\/\//);
    expect(run.stderr).not.toContain('Pa55word');
  });
});
