// Redis goes away in the middle of a three-process onboarding and comes back (empty: no persistence): every
// customer is still onboarded, the emulator refuses nothing, and the processes say they fell back. The switch
// points are chosen by what the emulator has seen (arrivals), not by the clock.
import { startEmulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mostInAnyWindow, oneAccountSeed, onboardInProcesses } from './helpers/onboarding.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Redis outage during a three-process run', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('onboards everyone without a rejection, on the fallback rate while Redis is down', async () => {
    const { seed, account, warmUp } = oneAccountSeed(90);
    const emu = await startEmulator({ seed, port: 0 });
    try {
      const authorizations = () =>
        emu.stats().operations.GetChatappUploadAuthorization.arrivals[account.accessKeyId]?.length ?? 0;
      const reached = async (count: number) => {
        while (authorizations() < count) await sleep(20);
      };
      const run = onboardInProcesses({
        endpoint: emu.endpoint,
        account,
        warmUp,
        processes: 3,
        redisUrl: server.url,
        safetyMarginMs: 400,
      });
      let outageSeen = 0;
      const fault = (async () => {
        await reached(20);
        await server.stop();
        outageSeen = authorizations();
        // Progress while Redis is down comes from the processes' own conservative rate.
        await reached(outageSeen + 6);
        await server.start();
      })();
      const results = await run;
      await fault;

      expect(results.map((result) => result.onboarded)).toEqual([30, 30, 30]);
      expect(emu.submissions()).toHaveLength(90);
      const stats = emu.stats();
      expect(stats.rejected).toBe(0);
      for (const operation of ['GetChatappUploadAuthorization', 'SubmitIsvCustomerTerms'] as const) {
        expect(mostInAnyWindow(stats.operations[operation].arrivals[account.accessKeyId] ?? [])).toBeLessThanOrEqual(5);
      }
      const logs = results.map((result) => result.stderr).join('\n');
      expect(logs).toMatch(/Redis at unix:\/\/\S+ is unreachable/);
      expect(logs).toMatch(/is back; the shared quota applies again/);
      // Warned once per process and outage, not once per call.
      for (const result of results) expect(result.stderr.match(/is unreachable/g)?.length ?? 0).toBeLessThanOrEqual(1);
      expect(outageSeen).toBeLessThan(90);
    } finally {
      await emu.close();
    }
  }, 180_000);
});
