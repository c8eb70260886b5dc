// The documented quota: 5 calls per second per account per operation, over a sliding window of arrival times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { createRateLimiter } from '../src/state/rate-limiter.js';
import { authRequest, camsClient, termsRequest } from './helpers.js';

async function outcome(promise: Promise<{ body?: { code?: string } }>): Promise<string> {
  try {
    return (await promise).body?.code ?? 'none';
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
}

describe('quota', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(async () => {
    await emu.close();
  });

  it('lets at most 5 of a 12-call burst through and throttles the rest with System.LimitControl (HTTP 400)', async () => {
    const account = emu.accounts[0]!;
    const client = camsClient(emu, account);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        outcome(client.getChatappUploadAuthorization(authRequest(account.custSpaceIds[0]!))),
      ),
    );
    const elapsed = Date.now() - started;
    const ok = results.filter((r) => r === 'OK').length;
    expect(results.every((r) => r === 'OK' || r === 'System.LimitControl')).toBe(true);
    // The first five arrivals always fit; more can only succeed if the burst itself spread over a second.
    expect(ok).toBeGreaterThanOrEqual(5);
    if (elapsed < 1000) expect(ok).toBe(5);
    const stats = emu.stats().operations.GetChatappUploadAuthorization;
    expect(stats.succeeded).toBe(ok);
    expect(stats.errors['System.LimitControl'] ?? 0).toBe(12 - ok);
    // Every call that reached the quota check is recorded with its arrival time, accepted or not.
    expect(stats.arrivals[account.accessKeyId]).toHaveLength(12);
  });

  it('keeps accounts and operations apart', async () => {
    const other = emu.accounts[3]!;
    const code = await outcome(
      camsClient(emu, other).getChatappUploadAuthorization(authRequest(other.custSpaceIds[0]!)),
    );
    expect(code).toBe('OK');
    // Same account, other operation: its own quota (the call fails later, for want of an uploaded file).
    const account = emu.accounts[0]!;
    const submit = await outcome(
      camsClient(emu, account).submitIsvCustomerTerms(termsRequest(account.custSpaceIds[0]!, 'none.pdf')),
    );
    expect(submit).toBe('InvalidIsvTerms.NotFound');
  });

  it('charges STS callers to the account that owns the key', async () => {
    const single = await startEmulator({ rateLimitPerSecond: 1 });
    try {
      const account = single.accounts[0]!;
      const sts = single.issueStsCredentials(account.accessKeyId, 600);
      const space = account.custSpaceIds[0]!;
      const started = Date.now();
      const first = await outcome(camsClient(single, account).getChatappUploadAuthorization(authRequest(space)));
      const second = await outcome(camsClient(single, sts).getChatappUploadAuthorization(authRequest(space)));
      expect(first).toBe('OK');
      // Within the same second the STS call shares the account's single slot.
      if (Date.now() - started < 1000) expect(second).toBe('System.LimitControl');
      else expect(['OK', 'System.LimitControl']).toContain(second);
    } finally {
      await single.close();
    }
  });

  it('holds every one-second window to the limit and charges nothing for rejected calls (limiter unit)', () => {
    const limiter = createRateLimiter(5);
    const arrivals = [0, 10, 20, 30, 40, 50, 60, 999, 1000, 1005, 1010, 1020, 1030, 1041, 1990, 2000, 2500];
    const accepted = arrivals.filter((t) => limiter.tryAcquire('k', t));
    expect(accepted).toEqual([0, 10, 20, 30, 40, 1000, 1010, 1020, 1030, 1041, 2000, 2500]);
    for (const start of accepted) {
      expect(accepted.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(5);
    }
  });

  it('stays correct when calls are checked out of arrival order', () => {
    const limiter = createRateLimiter(2);
    expect(limiter.tryAcquire('k', 500)).toBe(true);
    expect(limiter.tryAcquire('k', 1400)).toBe(true);
    // Arrived earlier but checked later: [500, 1400] already fills a window containing 900.
    expect(limiter.tryAcquire('k', 900)).toBe(false);
    expect(limiter.tryAcquire('k', 1600)).toBe(true);
  });
});
