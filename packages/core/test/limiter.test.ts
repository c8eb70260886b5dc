// The quota limiter on its own (no network): every window holds at most N grants, waiters are served in order,
// the process-wide windows are shared between limiters while createQuotaLimiter's are private.
import { describe, expect, it, vi } from 'vitest';
import { createQuotaLimiter, sharedQuotaLimiter, type QuotaLimiter } from '../src/index.js';

/** Starts `count` acquisitions at once and records, in completion order, which one got a slot and when. */
async function burst(limiter: QuotaLimiter, key: string, count: number): Promise<{ index: number; at: number }[]> {
  const grants: { index: number; at: number }[] = [];
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      limiter.acquire(key).then(() => {
        grants.push({ index, at: performance.now() });
      }),
    ),
  );
  return grants;
}

/** The most grants found in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

describe('quota limiter', () => {
  it('never grants more than N in any window, and serves a burst in FIFO order', async () => {
    const limiter = createQuotaLimiter({ requestsPerSecond: 3, windowMs: 60, safetyMarginMs: 20 });
    const grants = await burst(limiter, 'account#Op', 12);
    expect(grants.map((grant) => grant.index)).toEqual(Array.from({ length: 12 }, (_, index) => index));
    expect(
      busiestWindow(
        grants.map((grant) => grant.at),
        60,
      ),
    ).toBeLessThanOrEqual(3);
  });

  it('keeps keys (accounts / operations) independent', async () => {
    const limiter = createQuotaLimiter({ requestsPerSecond: 2, windowMs: 50 });
    const order: string[] = [];
    await Promise.all([
      ...['a', 'a', 'a'].map((key) => limiter.acquire(`${key}#Op`).then(() => order.push(key))),
      limiter.acquire('b#Op').then(() => order.push('b')),
    ]);
    // b does not wait behind a's third request.
    expect(order.indexOf('b')).toBeLessThan(order.lastIndexOf('a'));
  });

  it('shares windows between limiters from sharedQuotaLimiter, but not with createQuotaLimiter', async () => {
    const key = `shared-${Math.random()}#Op`;
    const first = sharedQuotaLimiter({ requestsPerSecond: 2, windowMs: 50 });
    const second = sharedQuotaLimiter({ requestsPerSecond: 2, windowMs: 50 });
    const times: number[] = [];
    const stamp = () => times.push(performance.now());
    await Promise.all([first, second, first, second, first, second].map((limiter) => limiter.acquire(key).then(stamp)));
    expect(busiestWindow(times, 50)).toBeLessThanOrEqual(2);

    const isolated = createQuotaLimiter({ requestsPerSecond: 2, windowMs: 5_000 });
    await isolated.acquire(key);
    await isolated.acquire(key);
    // The shared windows for `key` are untouched by the isolated limiter: a shared acquire is still possible
    // after the earlier burst left the window, while the isolated one would block for seconds.
    let isolatedGranted = false;
    void isolated.acquire(key).then(() => {
      isolatedGranted = true;
    });
    await first.acquire(key);
    expect(isolatedGranted).toBe(false);
  });

  it('forgets a key once its window has passed, so the process-wide registry does not grow without bound', async () => {
    // Rotating STS AccessKeys and many accounts each add keys; idle ones must not stay forever.
    const prefix = `transient-${Math.random()}`;
    const limiter = sharedQuotaLimiter({ requestsPerSecond: 2, windowMs: 20, safetyMarginMs: 0 });
    await Promise.all(Array.from({ length: 50 }, (_, index) => limiter.acquire(`${prefix}-${index}#Op`)));
    const registry = (globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>)[
      Symbol.for('@chatapp-isv/core/quota-windows')
    ];
    const remaining = () => [...(registry?.keys() ?? [])].filter((key) => key.startsWith(prefix)).length;
    await vi.waitFor(() => expect(remaining()).toBe(0), { timeout: 5_000, interval: 20 });
  });

  it('still counts a key whose queue ran empty: a second burst waits for the first to leave the window', async () => {
    const limiter = sharedQuotaLimiter({ requestsPerSecond: 3, windowMs: 150, safetyMarginMs: 0 });
    const key = `bursts-${Math.random()}#Op`;
    const first = await burst(limiter, key, 3);
    const second = await burst(limiter, key, 3);
    const times = [...first, ...second].map((grant) => grant.at);
    expect(busiestWindow(times, 150)).toBeLessThanOrEqual(3);
  });

  it('rejects a nonsensical quota', () => {
    expect(() => createQuotaLimiter({ requestsPerSecond: 0 })).toThrow(/positive integer/);
    expect(() => createQuotaLimiter({ requestsPerSecond: 2.5 })).toThrow(/positive integer/);
    expect(() => createQuotaLimiter({ windowMs: -1 })).toThrow(/windowMs/);
  });
});
