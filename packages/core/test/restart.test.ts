// A restart of the ChatApp endpoint in the middle of a run fails no customer. The endpoint (a forwarding proxy in
// front of the emulator) stops listening for two seconds while 30 onboardings are under way: connections are
// refused, requests on kept-alive connections are answered 503. Neither can have been recorded, so both are retried
// (submissions included), with the client's default backoff, and every customer ends up recorded exactly once.
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsvTermsClient, createQuotaLimiter, type IsvTermsEvent } from '../src/index.js';
import { emulator, permitted } from './helpers/emulator.js';
import { samplePdf } from './helpers/fixtures.js';
import { restartableProxy, type RestartableProxy } from './helpers/restartable-proxy.js';

const CUSTOMERS = 30;
const spaces = Array.from({ length: CUSTOMERS }, (_, index) => String(800000000000000 + index));

let emu: Emulator;
let proxy: RestartableProxy;

beforeAll(async () => {
  const { defaultSeed } = await import('@chatapp-isv/emulator');
  const seed = defaultSeed();
  const first = seed.accounts[0];
  if (first === undefined) throw new Error('the default seed has no account');
  first.custSpaceIds = spaces;
  emu = await emulator({ seed, rateLimitPerSecond: 10 });
  proxy = await restartableProxy(emu.endpoint);
});

afterAll(async () => {
  await proxy.close();
  await emu.close();
});

describe('endpoint restart', () => {
  it(`a two-second restart during ${CUSTOMERS} onboardings fails no customer`, async () => {
    const account = permitted(emu);
    const events: IsvTermsEvent[] = [];
    const client = createIsvTermsClient({
      endpoint: proxy.endpoint,
      credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
      quota: createQuotaLimiter({ requestsPerSecond: 10 }),
      apiGeneration: 'legacy',
      onEvent: (event) => events.push(event),
      // The default retry policy: the point is that it rides out a two-second outage.
    });
    const run = Promise.allSettled(
      spaces.map((custSpaceId, index) =>
        client.submitCustomerTerms({
          custSpaceId,
          custName: `Customer ${index}`,
          officeAddress: `${index} Example Road`,
          contactMail: `legal${index}@customer.example`,
          countryId: 'SG',
          businessDesc: 'Order updates',
          termsFile: samplePdf(),
          fileName: `terms-${index}.pdf`,
        }),
      ),
    );
    // Restart once the run is well under way: some customers done, many still queued.
    while (emu.submissions().length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
    await proxy.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await proxy.start();
    const settled = await run;

    const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
    expect(failures).toEqual([]);
    const recorded = new Map<string, number>();
    for (const entry of emu.submissions()) recorded.set(entry.custSpaceId, (recorded.get(entry.custSpaceId) ?? 0) + 1);
    expect(spaces.map((space) => recorded.get(space))).toEqual(spaces.map(() => 1));
    // The outage was real: refused connections (or drained keep-alive requests) were retried.
    const retried = events.filter((event) => event.type === 'retry').map((event) => event.code);
    // Which of the two a busy machine produces depends on when each request meets the outage; the second test below
    // proves the refused-connection case on its own.
    expect(retried.filter((code) => code === 'ECONNREFUSED' || code === 'ServiceUnavailable')).not.toEqual([]);
  }, 60_000);

  it('a submission that meets a refused connection is retried (it provably recorded nothing) and recorded once', async () => {
    const account = permitted(emu);
    const space = spaces[0] ?? '';
    const events: IsvTermsEvent[] = [];
    const client = createIsvTermsClient({
      endpoint: proxy.endpoint,
      credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
      quota: createQuotaLimiter({ requestsPerSecond: 10 }),
      apiGeneration: 'legacy',
      onEvent: (event) => events.push(event),
    });
    const upload = await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'refused.pdf' });
    const before = emu.submissions().filter((entry) => entry.custSpaceId === space).length;
    // Nothing is in flight, so the idle kept-alive connections can be closed too: every attempt meets the outage.
    await proxy.stop({ closeIdle: true });
    const submitting = client.submitIsvCustomerTerms({
      custSpaceId: space,
      custName: 'Refused Once Ltd',
      officeAddress: '1 Example Road',
      contactMail: 'legal@refused.example',
      countryId: 'SG',
      businessDesc: 'Order updates',
      isvTerms: upload.isvTerms,
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await proxy.start();
    const result = await submitting;
    expect(result.attempts).toBeGreaterThan(1);
    expect(result.recoveredByReadBack).toBeUndefined();
    expect(emu.submissions().filter((entry) => entry.custSpaceId === space).length).toBe(before + 1);
    // Every retry of the write followed a refused connection, which provably delivered nothing.
    const retried = events.flatMap((event) =>
      event.type === 'retry' && event.operation === 'SubmitIsvCustomerTerms' ? [event.code] : [],
    );
    expect(retried).toEqual(Array.from({ length: result.attempts - 1 }, () => 'ECONNREFUSED'));
  });
});
