// The `okStatusErrorCode` fault: an RPC call answered with HTTP 200 and an error body, as the service may do
// with a business error. Proven through the official SDK, which does not throw on 2xx, and the raw
// openapi-client, programmatically and over POST /__emulator/faults.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type OkStatusErrorCode } from '../src/index.js';
import {
  authRequest,
  callAction,
  camsClient,
  errorCode,
  openApiClient,
  ossFromAuthorization,
  pdfBytes,
  termsRequest,
} from './helpers.js';

describe('okStatusErrorCode fault', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
  });
  afterAll(async () => {
    await emu.close();
  });

  const account = () => emu.accounts[0]!;
  const client = () => camsClient(emu, account());
  const space = () => account().custSpaceIds[0]!;
  const submitStats = () => emu.stats().operations.SubmitIsvCustomerTerms;

  /** The raw body and status of a call, whether it succeeded or the client threw on a 4xx/5xx. */
  async function raw(accountIndex: number, action: string, custSpaceId: string) {
    const creds = emu.accounts[accountIndex]!;
    try {
      const answer = await callAction(openApiClient(emu, creds), action, { CustSpaceId: custSpaceId });
      return { status: answer.statusCode as number, body: answer.body as Record<string, unknown> };
    } catch (error) {
      const { statusCode, ...body } = (error as { data: Record<string, unknown> }).data;
      return { status: statusCode as number, body };
    }
  }

  it('answers 200 with the error body through the SDK, records nothing, counts a rejection, then recovers', async () => {
    const auth = await client().getChatappUploadAuthorization(authRequest(space()));
    const data = auth.body!.data!;
    await ossFromAuthorization(data).put(`${data.dir}/ok-status.pdf`, pdfBytes());
    const before = submitStats();

    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Ram.PermissionDeny', count: 1 });
    const answer = await client().submitIsvCustomerTerms(termsRequest(space(), 'ok-status.pdf'));
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({
      code: 'Ram.PermissionDeny',
      message: 'You are not authorized to perform the operation.',
    });
    // The SDK models AccessDeniedDetail as a string and throws on the RAM detail object, so a 200 carries none.
    expect(answer.body!.accessDeniedDetail).toBeUndefined();
    expect(answer.body!.requestId).toBe(answer.headers!['x-acs-request-id']);
    expect(emu.submissions()).toEqual([]);
    const after = submitStats();
    expect(after.requests).toBe(before.requests + 1);
    expect(after.rejected).toBe(before.rejected + 1);
    expect(after.succeeded).toBe(before.succeeded);
    expect(after.errors['Ram.PermissionDeny']).toBe(1);

    const next = await client().submitIsvCustomerTerms(termsRequest(space(), 'ok-status.pdf'));
    expect(next.body!.code).toBe('OK');
    expect(emu.submissions().map((s) => s.requestId)).toEqual([next.body!.requestId]);
  });

  it('sends the same body as the code’s 4xx twin (HostId, Recommend, message), with status 200', async () => {
    const twins: [OkStatusErrorCode, number][] = [
      ['Product.Unsubscript', 1], // the unsubscribed account gets it for real
      ['Unknown.ResourceOwnerId', 0], // as does the permitted account on a foreign space
    ];
    for (const [code, accountIndex] of twins) {
      const real = await raw(
        accountIndex,
        'GetChatappUploadAuthorization',
        accountIndex === 1 ? emu.accounts[1]!.custSpaceIds[0]! : emu.accounts[3]!.custSpaceIds[0]!,
      );
      emu.setFaults('GetChatappUploadAuthorization', { okStatusErrorCode: code, count: 1 });
      const injected = await raw(0, 'GetChatappUploadAuthorization', space());
      expect(real.status).toBe(400);
      expect(injected.status).toBe(200);
      expect(Object.keys(injected.body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
      expect(injected.body).toMatchObject({ Code: code, Message: real.body.Message, HostId: real.body.HostId });
      expect(injected.body.Recommend).toContain(`q=${code}`);
      expect(injected.body.Recommend).toContain(String(injected.body.RequestId));
    }
    for (const code of ['System.LimitControl', 'ServiceUnavailable', 'InternalError'] as const) {
      emu.setFaults('GetChatappUploadAuthorization', { okStatusErrorCode: code, count: 1 });
      const answer = await client().getChatappUploadAuthorization(authRequest(space()));
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toMatchObject({ code });
      expect(answer.body!.data).toBeUndefined();
    }
    expect((await client().getChatappUploadAuthorization(authRequest(space()))).body!.code).toBe('OK');
  });

  it('applies only after authentication: a bad signature gets its own error and does not use up the count', async () => {
    emu.setFaults('GetChatappUploadAuthorization', { okStatusErrorCode: 'System.LimitControl', count: 1 });
    const forged = camsClient(emu, { accessKeyId: account().accessKeyId, accessKeySecret: 'not-the-right-secret' });
    expect(await errorCode(forged.getChatappUploadAuthorization(authRequest(space())))).toBe('SignatureDoesNotMatch');
    const answer = await client().getChatappUploadAuthorization(authRequest(space()));
    expect(answer.statusCode).toBe(200);
    expect(answer.body!.code).toBe('System.LimitControl');
    expect((await client().getChatappUploadAuthorization(authRequest(space()))).body!.code).toBe('OK');
  });

  it('lasts until cleared when no count is given', async () => {
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Product.Unsubscript' });
    for (let i = 0; i < 2; i++) {
      const answer = await client().submitIsvCustomerTerms(termsRequest(space(), 'ok-status.pdf'));
      expect(answer.body!.code).toBe('Product.Unsubscript');
    }
    emu.clearFaults('SubmitIsvCustomerTerms');
    expect((await client().submitIsvCustomerTerms(termsRequest(space(), 'ok-status.pdf'))).body!.code).toBe('OK');
  });

  it('refuses unknown codes, clashing fields and OSS operations with a message naming the field', () => {
    expect(() => emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Nope' as OkStatusErrorCode })).toThrow(
      /fault\.okStatusErrorCode must be one of System\.LimitControl/,
    );
    expect(() =>
      emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'InternalError', throttle: true }),
    ).toThrow(/okStatusErrorCode cannot be combined with fault\.throttle/);
    expect(() => emu.setFaults('PutObject', { okStatusErrorCode: 'InternalError' })).toThrow(TypeError);
    expect(() => emu.setFaults('HeadObject', { okStatusErrorCode: 'InternalError' })).toThrow(/RPC operations only/);
  });

  it('is set over POST /__emulator/faults, validated there too', async () => {
    const post = (body: unknown) =>
      fetch(`${emu.endpoint}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    const set = await post({
      operation: 'SubmitIsvCustomerTerms',
      okStatusErrorCode: 'Unknown.ResourceOwnerId',
      count: 1,
    });
    expect(set.status).toBe(200);
    const answer = await client().submitIsvCustomerTerms(termsRequest(space(), 'ok-status.pdf'));
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({
      code: 'Unknown.ResourceOwnerId',
      message: 'The resource does not belong to the current user.',
    });
    expect((await client().submitIsvCustomerTerms(termsRequest(space(), 'ok-status.pdf'))).body!.code).toBe('OK');

    const oss = await post({ operation: 'PutObject', okStatusErrorCode: 'InternalError' });
    expect(oss.status).toBe(400);
    expect(((await oss.json()) as { error: string }).error).toContain('okStatusErrorCode');
    const unknown = await post({ operation: 'SubmitIsvCustomerTerms', okStatusErrorCode: 'OK' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain('okStatusErrorCode');
    expect((await client().submitIsvCustomerTerms(termsRequest(space(), 'ok-status.pdf'))).body!.code).toBe('OK');
  });
});
