// Recovery from injected failures: 5xx answers, connection resets and throttling on each step. The emulator counts
// the failed attempts, so each test shows the failure happened and the call still succeeded.
import type { FaultSpec, Operation } from '@chatapp-isv/emulator';
import { describe, expect, it } from 'vitest';
import { OssError, ValidationError } from '../src/index.js';
import { clientFor, emulatorSuite, permitted, recordingLogger } from './helpers/emulator.js';
import { onboardingInput, samplePdf } from './helpers/fixtures.js';

const suite = emulatorSuite();

const cases: [string, Operation, FaultSpec, string][] = [
  [
    '503 on GetChatappUploadAuthorization',
    'GetChatappUploadAuthorization',
    { errorCode: 'ServiceUnavailable', count: 2 },
    'ServiceUnavailable',
  ],
  [
    '500 on SubmitIsvCustomerTerms',
    'SubmitIsvCustomerTerms',
    { errorCode: 'InternalError', count: 2 },
    'InternalError',
  ],
  ['503 on PutObject', 'PutObject', { errorCode: 'ServiceUnavailable', count: 2 }, 'ServiceUnavailable'],
  [
    'resets on GetChatappUploadAuthorization',
    'GetChatappUploadAuthorization',
    { resetRate: 1, count: 2 },
    'ConnectionReset',
  ],
  ['resets on PutObject', 'PutObject', { resetRate: 1, count: 2 }, 'ConnectionReset'],
  [
    'throttling on GetChatappUploadAuthorization',
    'GetChatappUploadAuthorization',
    { throttle: true, count: 2 },
    'System.LimitControl',
  ],
  [
    'throttling on SubmitIsvCustomerTerms',
    'SubmitIsvCustomerTerms',
    { throttle: true, count: 2 },
    'System.LimitControl',
  ],
  ['SlowDown on PutObject', 'PutObject', { throttle: true, count: 2 }, 'SlowDown'],
];

describe('recovery', () => {
  it.each(cases)('recovers from %s', async (_label, operation, fault, code) => {
    const account = permitted(suite.emu);
    const space = account.custSpaceIds[cases.findIndex((entry) => entry[0] === _label) % 3] ?? '';
    const logger = recordingLogger();
    // A fresh client per case, so the authorization is fetched (and can fail) every time.
    const client = clientFor(suite.emu, account, { logger });
    const before = suite.emu.stats().operations[operation];
    suite.emu.setFaults(operation, fault);

    const result = await client.submitCustomerTerms(onboardingInput(space, `recover-${operation}.pdf`));

    expect(result.submit.code).toBe('OK');
    const after = suite.emu.stats().operations[operation];
    expect((after.errors[code] ?? 0) - (before.errors[code] ?? 0)).toBe(2);
    expect(after.succeeded - before.succeeded).toBe(1);
    expect(logger.lines.filter((line) => line.level === 'warn' && line.fields?.['event'] === 'retry')).toHaveLength(2);
    expect(suite.emu.submissions().some((entry) => entry.requestId === result.submit.requestId)).toBe(true);
  });

  it('retries a PutObject whose response does not arrive within timeoutMs', async () => {
    const logger = recordingLogger();
    const client = clientFor(suite.emu, permitted(suite.emu), { logger, timeoutMs: 300 });
    const space = permitted(suite.emu).custSpaceIds[0] ?? '';
    await client.getUploadAuthorization({ custSpaceId: space });
    suite.emu.setFaults('PutObject', { latencyMs: 1500, count: 1 });
    const result = await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'slow.pdf' });
    expect(result.objectKey).toBe(`C${space}/slow.pdf`);
    const retries = logger.lines.filter((line) => line.message === 'oss retry');
    expect(retries.map((line) => line.fields?.['code'])).toEqual(['ETIMEDOUT']);
  });

  it('gives up on a persistent reset after maxAttempts with a typed OssError', async () => {
    suite.emu.setFaults('PutObject', { resetRate: 1 });
    const client = clientFor(suite.emu, permitted(suite.emu), { retry: { maxAttempts: 3, baseDelayMs: 5 } });
    const error = await client
      .uploadTermsFile({
        custSpaceId: permitted(suite.emu).custSpaceIds[0] ?? '',
        file: samplePdf(),
        fileName: 'never.pdf',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OssError);
    expect(error).toMatchObject({ code: 'ECONNRESET', operation: 'PutObject', attempts: 3, httpStatus: undefined });
    expect((error as OssError).objectKey).toBe(`C${permitted(suite.emu).custSpaceIds[0] ?? ''}/never.pdf`);
  });

  it('stops retrying once maxElapsedMs is spent, long before maxAttempts', async () => {
    suite.emu.setFaults('GetChatappUploadAuthorization', { throttle: true });
    const client = clientFor(suite.emu, permitted(suite.emu), {
      retry: { maxAttempts: 50, baseDelayMs: 100, maxDelayMs: 100, maxElapsedMs: 300 },
    });
    const before = suite.emu.stats().operations.GetChatappUploadAuthorization.requests;
    const error = await client
      .getUploadAuthorization({ custSpaceId: permitted(suite.emu).custSpaceIds[1] ?? '' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'System.LimitControl' });
    const { attempts } = error as { attempts: number };
    expect(attempts).toBeLessThan(50);
    expect(suite.emu.stats().operations.GetChatappUploadAuthorization.requests - before).toBe(attempts);
  });

  it('never retries a validation error (nothing is sent at all)', async () => {
    const before = suite.emu.stats().requests;
    const error = await clientFor(suite.emu, permitted(suite.emu))
      .submitCustomerTerms({
        ...onboardingInput(permitted(suite.emu).custSpaceIds[0] ?? '', 'ok.pdf'),
        contactMail: '',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(suite.emu.stats().requests).toBe(before);
  });
});
