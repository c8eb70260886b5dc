// Request authentication as the gateway does it, exercised through the official clients (and raw HTTP where a
// client cannot produce the broken request): every failure must carry the service's code and HTTP status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { authRequest, callAction, camsClient, errorCode, openApiClient, startWithSpace } from './helpers.js';

const isoSecond = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; statusCode: number; data: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; statusCode?: number; data?: Record<string, unknown> };
    return { code: String(e.code), statusCode: Number(e.statusCode), data: e.data ?? {} };
  }
  throw new Error('expected the call to fail');
}

describe('RPC authentication', () => {
  let emu: Emulator;
  let account: Emulator['accounts'][number];
  let space: string;
  beforeAll(async () => ({ emu, account, space } = await startWithSpace()));
  afterAll(() => emu.close());

  it('rejects a tampered secret with SignatureDoesNotMatch (400) under both signatures', async () => {
    for (const extra of [{}, { signatureAlgorithm: 'v2' }]) {
      const client = camsClient(
        emu,
        { accessKeyId: account.accessKeyId, accessKeySecret: `${account.accessKeySecret}x` },
        extra,
      );
      const f = await failure(client.getChatappUploadAuthorization(authRequest(space)));
      expect(f).toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 400 });
    }
  });

  it('rejects an unknown AccessKey ID with InvalidAccessKeyId.NotFound (404)', async () => {
    for (const extra of [{}, { signatureAlgorithm: 'v2' }]) {
      const client = camsClient(
        emu,
        { accessKeyId: 'EMUAKnotAKeyThisEmulatorMade', accessKeySecret: 'fake-secret-for-tests' },
        extra,
      );
      const f = await failure(client.getChatappUploadAuthorization(authRequest(space)));
      expect(f).toMatchObject({ code: 'InvalidAccessKeyId.NotFound', statusCode: 404 });
    }
  });

  it('rejects a signed but stale timestamp with InvalidTimeStamp.Expired', async () => {
    const stale = isoSecond(Date.now() - 20 * 60 * 1000);
    const acs3 = openApiClient(emu, account);
    expect(
      await errorCode(
        callAction(acs3, 'GetChatappUploadAuthorization', { CustSpaceId: space }, { 'x-acs-date': stale }),
      ),
    ).toBe('InvalidTimeStamp.Expired');
    const v2 = openApiClient(emu, account, { signatureAlgorithm: 'v2' });
    expect(
      await errorCode(callAction(v2, 'GetChatappUploadAuthorization', { CustSpaceId: space, Timestamp: stale })),
    ).toBe('InvalidTimeStamp.Expired');
    const future = isoSecond(Date.now() + 20 * 60 * 1000);
    expect(
      await errorCode(
        callAction(acs3, 'GetChatappUploadAuthorization', { CustSpaceId: space }, { 'x-acs-date': future }),
      ),
    ).toBe('InvalidTimeStamp.Expired');
  });

  it('rejects a malformed timestamp with InvalidTimeStamp.Format', async () => {
    const v2 = openApiClient(emu, account, { signatureAlgorithm: 'v2' });
    expect(
      await errorCode(callAction(v2, 'GetChatappUploadAuthorization', { CustSpaceId: space, Timestamp: 'yesterday' })),
    ).toBe('InvalidTimeStamp.Format');
  });

  it('rejects a replayed signature nonce with SignatureNonceUsed under both signatures', async () => {
    const nonce = `replay-${Date.now()}-${Math.random()}`;
    const acs3 = openApiClient(emu, account);
    const first = await callAction(
      acs3,
      'GetChatappUploadAuthorization',
      { CustSpaceId: space },
      { 'x-acs-signature-nonce': nonce },
    );
    expect((first.body as { Code: string }).Code).toBe('OK');
    expect(
      await errorCode(
        callAction(acs3, 'GetChatappUploadAuthorization', { CustSpaceId: space }, { 'x-acs-signature-nonce': nonce }),
      ),
    ).toBe('SignatureNonceUsed');

    const v2 = openApiClient(emu, account, { signatureAlgorithm: 'v2' });
    const v2nonce = `${nonce}-v2`;
    await callAction(v2, 'GetChatappUploadAuthorization', { CustSpaceId: space, SignatureNonce: v2nonce });
    expect(
      await errorCode(callAction(v2, 'GetChatappUploadAuthorization', { CustSpaceId: space, SignatureNonce: v2nonce })),
    ).toBe('SignatureNonceUsed');
  });

  it('does not burn a nonce on a request whose signature fails', async () => {
    const nonce = `unburnt-${Date.now()}`;
    const wrong = openApiClient(emu, { accessKeyId: account.accessKeyId, accessKeySecret: 'not-the-secret' });
    expect(
      await errorCode(
        callAction(wrong, 'GetChatappUploadAuthorization', { CustSpaceId: space }, { 'x-acs-signature-nonce': nonce }),
      ),
    ).toBe('SignatureDoesNotMatch');
    const right = await callAction(
      openApiClient(emu, account),
      'GetChatappUploadAuthorization',
      { CustSpaceId: space },
      { 'x-acs-signature-nonce': nonce },
    );
    expect((right.body as { Code: string }).Code).toBe('OK');
  });

  it('rejects unsigned requests: IncompleteSignature (ACS3 shape) and MissingSignature (RPC shape)', async () => {
    const acs3 = await fetch(`${emu.endpoint}/?CustSpaceId=${space}`, {
      method: 'POST',
      headers: { 'x-acs-action': 'GetChatappUploadAuthorization', 'x-acs-version': '2020-06-06' },
    });
    expect(acs3.status).toBe(400);
    const acs3Body = (await acs3.json()) as Record<string, string>;
    expect(acs3Body.Code).toBe('IncompleteSignature');
    expect(Object.keys(acs3Body)).toEqual(
      expect.arrayContaining(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']),
    );
    expect(acs3.headers.get('content-type')).toContain('application/json');

    const query = new URLSearchParams({
      Action: 'GetChatappUploadAuthorization',
      Version: '2020-06-06',
      Format: 'json',
      AccessKeyId: account.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: 'n1',
      Timestamp: isoSecond(Date.now()),
      CustSpaceId: space,
    });
    const rpc = await fetch(`${emu.endpoint}/?${query.toString()}`);
    expect(rpc.status).toBe(400);
    expect(((await rpc.json()) as { Code: string }).Code).toBe('MissingSignature');
  });

  it('rejects a garbled Authorization header with IncompleteSignature', async () => {
    const res = await fetch(`${emu.endpoint}/`, {
      method: 'POST',
      headers: {
        'x-acs-action': 'SubmitIsvCustomerTerms',
        'x-acs-version': '2020-06-06',
        authorization: 'ACS3-HMAC-SHA256 garbage',
      },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { Code: string }).Code).toBe('IncompleteSignature');
  });

  it('answers unknown actions with InvalidAction.NotFound (404) and wrong versions with InvalidVersion', async () => {
    const client = openApiClient(emu, account);
    expect(await errorCode(callAction(client, 'DeleteEverything', {}))).toBe('InvalidAction.NotFound');
    // Names every JavaScript object has are not actions: the registry is a lookup of its own entries only.
    for (const action of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      expect(await errorCode(callAction(client, action, {}))).toBe('InvalidAction.NotFound');
    }
    const params = new URLSearchParams({ Action: 'GetChatappUploadAuthorization', Version: '2019-01-01' });
    const res = await fetch(`${emu.endpoint}/?${params.toString()}`);
    expect(((await res.json()) as { Code: string }).Code).toBe('InvalidVersion');
  });

  it('checks STS credentials: missing token, wrong token, expired token', async () => {
    const sts = emu.issueStsCredentials(account.accessKeyId, 600);
    const noToken = camsClient(emu, { accessKeyId: sts.accessKeyId, accessKeySecret: sts.accessKeySecret });
    expect(await errorCode(noToken.getChatappUploadAuthorization(authRequest(space)))).toBe('MissingSecurityToken');
    const other = emu.issueStsCredentials(account.accessKeyId, 600);
    const wrongToken = camsClient(emu, { ...sts, securityToken: other.securityToken });
    expect(await errorCode(wrongToken.getChatappUploadAuthorization(authRequest(space)))).toBe(
      'InvalidSecurityToken.MismatchWithAccessKey',
    );
    const shortLived = emu.issueStsCredentials(account.accessKeyId, 0.001);
    await new Promise((r) => setTimeout(r, 20));
    const expired = camsClient(emu, shortLived);
    expect(await errorCode(expired.getChatappUploadAuthorization(authRequest(space)))).toBe(
      'InvalidSecurityToken.Expired',
    );
  });

  it('does not accept the OSS upload credentials on the ChatApp API', async () => {
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(space));
    const data = auth.body!.data!;
    const client = camsClient(emu, {
      accessKeyId: data.accessKeyId!,
      accessKeySecret: data.accessKeySecret!,
      securityToken: data.securityToken!,
    });
    expect(await errorCode(client.getChatappUploadAuthorization(authRequest(space)))).toBe(
      'InvalidAccessKeyId.NotFound',
    );
  });

  it('never echoes the secret, the token or the signature in an error body', async () => {
    const sts = emu.issueStsCredentials(account.accessKeyId, 600);
    const client = camsClient(emu, { ...sts, accessKeySecret: 'a-wrong-secret-value' });
    const f = await failure(client.getChatappUploadAuthorization(authRequest(space)));
    expect(f.code).toBe('SignatureDoesNotMatch');
    const text = JSON.stringify(f.data);
    expect(text).not.toContain(sts.securityToken);
    expect(text).not.toContain('a-wrong-secret-value');
    expect(text).not.toContain(sts.accessKeySecret);
  });
});
