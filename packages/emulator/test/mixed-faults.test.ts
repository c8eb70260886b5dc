// The fault kinds a mixed soak needs: throttling and HTTP 200 errors at a rate (so they combine with 5xx and resets
// on one operation), and an answer that comes late after the write was recorded (the lost-answer case).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFaultTable, parseFaultSpec } from '../src/faults.js';
import { startEmulator, type Emulator } from '../src/index.js';
import { authRequest, camsClient, ossFromAuthorization, pdfBytes, termsRequest } from './helpers.js';

describe('mixed faults', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('latencyAfterMs records the write, then answers too late for a short client timeout', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[0]!;
    const { body } = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(space));
    const data = body!.data!;
    await ossFromAuthorization(data).put(`${data.dir}/late.pdf`, pdfBytes());
    const before = emu.submissions().length;
    emu.setFaults('SubmitIsvCustomerTerms', { latencyAfterMs: 1000, count: 1 });
    const impatient = camsClient(emu, account, { readTimeout: 200, connectTimeout: 200 });
    const lost = await impatient.submitIsvCustomerTerms(termsRequest(space, 'late.pdf')).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(Error);
    // The write happened although its answer never reached the client.
    expect(emu.submissions().length).toBe(before + 1);
    expect(emu.submissions().at(-1)).toMatchObject({ custSpaceId: space, isvTerms: 'late.pdf' });
  });

  it('rates combine on one operation, and okStatusErrorRate needs its code', () => {
    const draws = [0.99, 0.99, 0.5, 0.01];
    const table = createFaultTable({}, () => draws.shift() ?? 0.99);
    table.set('SubmitIsvCustomerTerms', {
      resetRate: 0.05,
      errorRate: 0.15,
      throttleRate: 0.6,
      okStatusErrorCode: 'InternalError',
      okStatusErrorRate: 0.2,
    });
    expect(table.next('SubmitIsvCustomerTerms').outcome).toBe('throttle');
    expect(table.takeOkStatusError('SubmitIsvCustomerTerms')).toBe('InternalError');
    expect(() => parseFaultSpec({ okStatusErrorRate: 0.5 })).toThrow(/okStatusErrorRate needs fault.okStatusErrorCode/);
    expect(() => parseFaultSpec({ okStatusErrorCode: 'InternalError', resetRate: 0.1 })).toThrow(/cannot be combined/);
    expect(() => parseFaultSpec({ latencyAfterMs: -1 })).toThrow(/latencyAfterMs/);
  });
});
