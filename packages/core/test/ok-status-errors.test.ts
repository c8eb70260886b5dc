// An HTTP 200 whose Code is not OK must be an error: the service may answer a business error with HTTP 200, and the
// official SDK does not throw on a 2xx. The emulator's `okStatusErrorCode` fault answers exactly that, after the
// real signature check, so the request goes through our real client, the openapi-client signing and transport, and
// the emulator's accounting.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatAppError, createIsvTermsClient, createQuotaLimiter } from '../src/index.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emu.close();
});

function permitted() {
  const account = emu.accounts[0];
  if (account === undefined) throw new Error('the emulator has no accounts');
  return account;
}

function client() {
  const { accessKeyId, accessKeySecret } = permitted();
  return createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId, accessKeySecret },
    quota: createQuotaLimiter(),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

function terms() {
  return validTerms(permitted().custSpaceIds[0]);
}

/** Calls that reached SubmitIsvCustomerTerms, and how many answered each code. */
function submitStats() {
  return emu.stats().operations.SubmitIsvCustomerTerms;
}

describe('HTTP 200 with an error Code', () => {
  beforeAll(async () => {
    const { custSpaceId, isvTerms } = terms();
    await client().uploadTermsFile({ custSpaceId, file: samplePdf(), fileName: isvTerms });
  });

  it('is a ChatAppError carrying the code, RequestId and status 200, not retried when permanent', async () => {
    const before = submitStats().requests;
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Ram.PermissionDeny', count: 1 });
    const error = await client()
      .submitIsvCustomerTerms(terms())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatAppError);
    expect(error).toMatchObject({
      code: 'Ram.PermissionDeny',
      message: expect.stringContaining('You are not authorized to perform the operation.') as unknown,
      httpStatus: 200,
      attempts: 1,
      operation: 'SubmitIsvCustomerTerms',
    });
    const { requestId, recommend, hostId } = error as ChatAppError;
    expect(requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(recommend).toContain(`requestId=${requestId}`); // both read from the same 200 body
    expect(hostId).toBeTruthy();
    expect(submitStats().requests).toBe(before + 1);
    expect(submitStats().errors['Ram.PermissionDeny']).toBe(1);
    expect(emu.submissions()).toEqual([]);
  });

  it('is retried when the code means throttling, and the later OK wins', async () => {
    const before = submitStats().requests;
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'System.LimitControl', count: 1 });
    const result = await client().submitIsvCustomerTerms(terms());
    const recorded = emu.submissions();
    expect(recorded).toHaveLength(1);
    expect(result).toEqual({
      requestId: recorded[0]?.requestId,
      code: 'OK',
      message: 'OK',
      attempts: 2,
      generation: 'legacy',
      isvTerms: 'acme-terms.pdf',
    });
    expect(submitStats().requests).toBe(before + 2);
    expect(submitStats().errors['System.LimitControl']).toBe(1);
  });
});
