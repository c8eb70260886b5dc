// The point of the package: three separate Node processes onboard 30 customers each of ONE account, at the same
// time, against the emulator with the real quota (5 calls/s per account and operation). With the shared limiter
// the emulator refuses nothing and never sees more than 5 calls of an operation in any one-second window; with
// each process on its own in-process limiter (the contrast) the emulator refuses calls. Wall time is the
// benchmark's business (bench/onboarding.mjs), not a test's.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mostInAnyWindow, oneAccountSeed, onboardInProcesses } from './helpers/onboarding.js';
import { startRedisServer, type RedisServer } from './helpers/redis-server.js';

const OPERATIONS = ['GetChatappUploadAuthorization', 'SubmitIsvCustomerTerms'] as const;

describe('three processes, one account', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function withEmulator<T>(run: (emu: Emulator, seed: ReturnType<typeof oneAccountSeed>) => Promise<T>) {
    const seeded = oneAccountSeed(90);
    const emu = await startEmulator({ seed: seeded.seed, port: 0 });
    try {
      return await run(emu, seeded);
    } finally {
      await emu.close();
    }
  }

  it('share one quota through Redis: 90 onboarded, 0 System.LimitControl, at most 5 per operation in any second', async () => {
    await withEmulator(async (emu, { account, warmUp }) => {
      // The margin is the one core's own quota test uses: this machine runs other suites at the same time, and a
      // stall between a grant and the request's arrival bunches arrivals at the emulator.
      const results = await onboardInProcesses({
        endpoint: emu.endpoint,
        account,
        warmUp,
        processes: 3,
        redisUrl: server.url,
        safetyMarginMs: 400,
      });
      expect(results.map((result) => result.onboarded)).toEqual([30, 30, 30]);
      const stats = emu.stats();
      expect(stats.errors['System.LimitControl'] ?? 0).toBe(0);
      for (const operation of OPERATIONS) {
        const arrivals = stats.operations[operation].arrivals[account.accessKeyId] ?? [];
        expect(arrivals).toHaveLength(90);
        expect(mostInAnyWindow(arrivals)).toBeLessThanOrEqual(5);
      }
      expect(emu.submissions()).toHaveLength(90);
    });
  }, 120_000);

  it('without the shared limiter, the same three processes are refused (the contrast)', async () => {
    await withEmulator(async (emu, { account, warmUp }) => {
      const results = await onboardInProcesses({
        endpoint: emu.endpoint,
        account,
        warmUp,
        processes: 3,
        maxAttempts: 2,
      });
      const stats = emu.stats();
      expect(stats.errors['System.LimitControl'] ?? 0).toBeGreaterThan(0);
      const arrivals = stats.operations.GetChatappUploadAuthorization.arrivals[account.accessKeyId] ?? [];
      expect(mostInAnyWindow(arrivals)).toBeGreaterThan(5);
      expect(results).toHaveLength(3);
    });
  }, 120_000);
});
