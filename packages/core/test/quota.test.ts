// The quota as the service sees it: 30 concurrent submitCustomerTerms through three client instances sharing the
// process-wide limiter, and the emulator (which checks every one-second window of arrivals) rejects nothing.
// The control case shows the same burst without our limiter does get System.LimitControl, so the check can fail.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatAppError, createIsvTermsClient, createQuotaLimiter, type IsvTermsClient } from '../src/index.js';
import { permitted } from './helpers/emulator.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

const running: Emulator[] = [];

async function start(): Promise<Emulator> {
  // A little latency per call, as on a real network, so requests overlap in flight.
  const emu = await startEmulator({
    latencyMs: { GetChatappUploadAuthorization: 20, SubmitIsvCustomerTerms: 20, PutObject: 20 },
  });
  running.push(emu);
  return emu;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.close()));
});

function company(custSpaceId: string) {
  const { isvTerms: _unused, ...rest } = validTerms(custSpaceId);
  void _unused;
  return rest;
}

describe('quota', () => {
  it('30 concurrent submitCustomerTerms over three clients: every call succeeds and the emulator rejects none', async () => {
    const emu = await start();
    const account = permitted(emu);
    // Three independent client instances: they must share the process-wide windows. The emulator runs in this
    // process and stamps arrivals when its event loop gets to them, so a stall of this (shared, busy) test machine
    // can bunch arrivals by more than the default 100 ms margin; a wider margin keeps the test about sharing and
    // queueing, not about the machine's scheduling.
    const quota = { requestsPerSecond: 5, safetyMarginMs: 400 };
    const clients: IsvTermsClient[] = [0, 1, 2].map(() =>
      createIsvTermsClient({ endpoint: emu.endpoint, credentials: account, quota }),
    );
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) => {
        const client = clients[index % 3] as IsvTermsClient;
        const space = account.custSpaceIds[index % account.custSpaceIds.length] ?? '';
        return client.submitCustomerTerms({
          ...company(space),
          termsFile: samplePdf(`customer ${index}`),
          fileName: `customer-${index}.pdf`,
        });
      }),
    );

    expect(results).toHaveLength(30);
    const stats = emu.stats();
    expect(stats.rejected).toBe(0);
    expect(stats.errors).toEqual({});
    expect(stats.operations.SubmitIsvCustomerTerms).toMatchObject({ requests: 30, succeeded: 30, rejected: 0 });
    expect(emu.submissions()).toHaveLength(30);
  });

  it('control: the same burst through a limiter set far above the quota is throttled by the emulator', async () => {
    const emu = await start();
    const account = permitted(emu);
    const client = createIsvTermsClient({
      endpoint: emu.endpoint,
      credentials: account,
      quota: createQuotaLimiter({ requestsPerSecond: 100 }),
      retry: { maxAttempts: 1 },
    });
    const space = account.custSpaceIds[0] ?? '';
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'control.pdf' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, () => client.submitIsvCustomerTerms({ ...company(space), isvTerms: 'control.pdf' })),
    );
    const throttled = outcomes.filter(
      (outcome) =>
        outcome.status === 'rejected' &&
        outcome.reason instanceof ChatAppError &&
        outcome.reason.code === 'System.LimitControl',
    );
    expect(throttled.length).toBeGreaterThan(0);
    expect(emu.stats().operations.SubmitIsvCustomerTerms.errors['System.LimitControl']).toBe(throttled.length);
  });

  it('with retries on, even a client that overshoots the quota ends with every call succeeded', async () => {
    const emu = await start();
    const account = permitted(emu);
    const client = createIsvTermsClient({
      endpoint: emu.endpoint,
      credentials: account,
      quota: createQuotaLimiter({ requestsPerSecond: 10 }),
      retry: { maxAttempts: 10, baseDelayMs: 200, maxDelayMs: 2000 },
    });
    const space = account.custSpaceIds[0] ?? '';
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'overshoot.pdf' });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => client.submitIsvCustomerTerms({ ...company(space), isvTerms: 'overshoot.pdf' })),
    );
    expect(results.every((result) => result.code === 'OK')).toBe(true);
    const submit = emu.stats().operations.SubmitIsvCustomerTerms;
    expect(submit.succeeded).toBe(12);
    expect(submit.errors['System.LimitControl'] ?? 0).toBeGreaterThan(0);
  });
});
