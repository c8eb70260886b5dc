// Every documented error code, produced by the real emulator, surfaces as a typed error with the service's code,
// RequestId and HTTP status; none of them is retried (each reaches the emulator exactly once).
import type { Emulator, Operation } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatAppError, OssError, isRetryable } from '../src/index.js';
import { clientFor, emulator, permitted } from './helpers/emulator.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await emulator();
});

afterAll(async () => {
  await emu.close();
});

function account(index: number) {
  const found = emu.accounts[index];
  if (found === undefined) throw new Error(`no account ${index}`);
  return found;
}

function requests(operation: Operation): number {
  return emu.stats().operations[operation].requests;
}

async function failure(promise: Promise<unknown>): Promise<ChatAppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChatAppError);
  return error as ChatAppError;
}

function submitInput(custSpaceId: string) {
  const { isvTerms: _unused, ...company } = validTerms(custSpaceId);
  void _unused;
  return { ...company, termsFile: samplePdf(), fileName: 'terms.pdf' };
}

describe('documented service errors', () => {
  it('Product.Unsubscript: an account without ChatApp', async () => {
    const unsubscribed = account(1);
    const before = requests('GetChatappUploadAuthorization');
    const error = await failure(
      clientFor(emu, unsubscribed).submitCustomerTerms(submitInput(unsubscribed.custSpaceIds[0] ?? '')),
    );
    expect(error).toMatchObject({
      code: 'Product.Unsubscript',
      httpStatus: 400,
      operation: 'GetChatappUploadAuthorization',
      attempts: 1,
    });
    expect(error.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(error.hostId).toBeTruthy();
    expect(error.recommend).toContain('Product.Unsubscript');
    expect(error.message).toContain(error.requestId);
    expect(isRetryable(error)).toBe(false);
    expect(requests('GetChatappUploadAuthorization')).toBe(before + 1);
  });

  it('Ram.PermissionDeny: an account denied SubmitIsvCustomerTerms, with AccessDeniedDetail', async () => {
    const denied = account(2);
    const before = requests('SubmitIsvCustomerTerms');
    const error = await failure(clientFor(emu, denied).submitCustomerTerms(submitInput(denied.custSpaceIds[0] ?? '')));
    expect(error).toMatchObject({
      code: 'Ram.PermissionDeny',
      httpStatus: 400,
      operation: 'SubmitIsvCustomerTerms',
      attempts: 1,
    });
    expect(error.accessDeniedDetail).toMatchObject({ AuthAction: 'cams:SubmitIsvCustomerTerms' });
    expect(requests('SubmitIsvCustomerTerms')).toBe(before + 1);
  });

  it("Unknown.ResourceOwnerId: another account's customer space", async () => {
    const foreignSpace = account(3).custSpaceIds[0] ?? '';
    const client = clientFor(emu, permitted(emu));
    const onAuthorize = await failure(client.getUploadAuthorization({ custSpaceId: foreignSpace }));
    expect(onAuthorize).toMatchObject({ code: 'Unknown.ResourceOwnerId', operation: 'GetChatappUploadAuthorization' });
    const onSubmit = await failure(
      client.submitIsvCustomerTerms({ ...validTerms(foreignSpace), isvTerms: 'terms.pdf' }),
    );
    expect(onSubmit).toMatchObject({ code: 'Unknown.ResourceOwnerId', operation: 'SubmitIsvCustomerTerms' });
  });

  it('SignatureDoesNotMatch: the right AccessKey ID with a wrong secret', async () => {
    const real = permitted(emu);
    const before = emu.stats().requests;
    const error = await failure(
      clientFor(emu, { accessKeyId: real.accessKeyId, accessKeySecret: 'not-the-right-secret' }).getUploadAuthorization(
        {
          custSpaceId: real.custSpaceIds[0] ?? '',
        },
      ),
    );
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', httpStatus: 400, attempts: 1 });
    expect(emu.stats().requests).toBe(before + 1);
  });

  it('InvalidAccessKeyId.NotFound: an AccessKey ID the service does not know', async () => {
    const error = await failure(
      clientFor(emu, {
        accessKeyId: 'EMUAKunknownkey00000',
        accessKeySecret: 'whatever-secret',
      }).getUploadAuthorization({
        custSpaceId: '100000000000001',
      }),
    );
    expect(error).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', httpStatus: 404, attempts: 1 });
  });

  it('a missing OSS object: submitting terms that were never uploaded', async () => {
    const space = permitted(emu).custSpaceIds[0] ?? '';
    const error = await failure(
      clientFor(emu, permitted(emu)).submitIsvCustomerTerms({ ...validTerms(space), isvTerms: 'never-uploaded.pdf' }),
    );
    expect(error).toMatchObject({
      code: 'InvalidIsvTerms.NotFound',
      httpStatus: 400,
      operation: 'SubmitIsvCustomerTerms',
    });
  });

  it('System.LimitControl once retries are exhausted (throttling forced by the emulator)', async () => {
    emu.setFaults('SubmitIsvCustomerTerms', { throttle: true });
    try {
      const space = permitted(emu).custSpaceIds[1] ?? '';
      const client = clientFor(emu, permitted(emu), { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 } });
      const before = requests('SubmitIsvCustomerTerms');
      const error = await failure(client.submitCustomerTerms(submitInput(space)));
      expect(error).toMatchObject({ code: 'System.LimitControl', httpStatus: 400, attempts: 3 });
      expect(isRetryable(error)).toBe(true);
      expect(requests('SubmitIsvCustomerTerms')).toBe(before + 3);
    } finally {
      emu.clearFaults();
    }
  });

  it('a 5xx that persists: ServiceUnavailable after the last attempt', async () => {
    emu.setFaults('GetChatappUploadAuthorization', { errorCode: 'ServiceUnavailable' });
    try {
      const client = clientFor(emu, permitted(emu), { retry: { maxAttempts: 2, baseDelayMs: 5 } });
      const error = await failure(client.getUploadAuthorization({ custSpaceId: permitted(emu).custSpaceIds[2] ?? '' }));
      expect(error).toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503, attempts: 2 });
    } finally {
      emu.clearFaults();
    }
  });

  it('an OSS refusal: OssError with the OSS code, RequestId, HostId, status and object key', async () => {
    emu.setFaults('PutObject', { errorCode: 'ServiceUnavailable' });
    try {
      const space = permitted(emu).custSpaceIds[0] ?? '';
      const client = clientFor(emu, permitted(emu), { retry: { maxAttempts: 1 } });
      const error = await client
        .uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'refused.pdf' })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OssError);
      expect(error).toMatchObject({ code: 'ServiceUnavailable', httpStatus: 503, operation: 'PutObject', attempts: 1 });
      const { requestId, hostId, objectKey, message } = error as OssError;
      expect(requestId).toMatch(/^[0-9A-F]{24}$/);
      expect(hostId).toBeTruthy();
      expect(objectKey).toBe(`C${space}/refused.pdf`);
      expect(message).toContain(requestId);
    } finally {
      emu.clearFaults();
    }
  });

  it('a refused connection provably delivered nothing: retried up to maxAttempts, then reported without the URL', async () => {
    const closed = await emulator();
    const client = clientFor(closed, permitted(closed), { retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 } });
    await closed.close();
    const error = await failure(client.getUploadAuthorization({ custSpaceId: '100000000000001' }));
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.httpStatus).toBeUndefined();
    expect(error.attempts).toBe(3);
    expect(error.codeClass).toBe('transient');
    // The socket message stands on its own: no request line glued to it, no query string with the space ID in it.
    expect(error.message).toMatch(
      /^GetChatappUploadAuthorization failed: ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    expect(String(error.cause)).not.toContain('100000000000001');
    expect(String((error.cause as Error).stack)).not.toContain('100000000000001');
  });

  it('a network failure names no customer data: the request URL (name, address, e-mail) is in no message or cause', async () => {
    const closed = await emulator();
    const client = clientFor(closed, permitted(closed), { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    await closed.close();
    const customer = {
      ...validTerms('100000000000001'),
      custName: 'Privately Named Holdings',
      officeAddress: '77 Hidden Lane',
      contactMail: 'ceo@private.example',
      isvTerms: 'private-terms.pdf',
    };
    const error = await failure(client.submitIsvCustomerTerms(customer));
    expect(error.code).toBe('ECONNREFUSED');
    const cause = error.cause as Error;
    const text = [error.message, String(error), error.stack, String(cause), cause.message, cause.stack].join('\n');
    for (const value of ['Privately', 'Hidden', 'ceo@private', 'private-terms', 'CustName', '?']) {
      expect(text).not.toContain(value);
    }
  });
});
