// The documented flow through clients nobody here wrote: the official cams SDK (ACS3 and the legacy v2 signature),
// STS credentials, and ali-oss configured plainly with the issued temporary credentials (V1 and V4 signatures).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import {
  authRequest,
  callAction,
  camsClient,
  openApiClient,
  ossFromAuthorization,
  pdfBytes,
  termsRequest,
} from './helpers.js';

describe('happy path with the official SDK and ali-oss', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('issues upload credentials, accepts the upload and records the submission (ACS3)', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[0]!;
    const client = camsClient(emu, account);
    const auth = await client.getChatappUploadAuthorization(authRequest(space));
    expect(auth.statusCode).toBe(200);
    expect(auth.body!.code).toBe('OK');
    const data = auth.body!.data!;
    expect(data.accessKeyId).toMatch(/^STS\./);
    expect(data.securityToken).toBeTruthy();
    expect(data.expire).toBe(3600);
    expect(data.endPoint).toBe(emu.endpoint);
    expect(data.dir).toBeTruthy();

    const oss = ossFromAuthorization(data);
    const body = pdfBytes('acs3');
    const put = await oss.put(`${data.dir}/isvTerms.pdf`, body);
    expect(put.res.status).toBe(200);
    const head = await oss.head(`${data.dir}/isvTerms.pdf`);
    expect(head.res.status).toBe(200);
    const got = await oss.get(`${data.dir}/isvTerms.pdf`);
    expect(Buffer.compare(got.content as Buffer, body)).toBe(0);
    expect(emu.objects()).toContainEqual(
      expect.objectContaining({ key: `${data.dir}/isvTerms.pdf`, size: body.length }),
    );

    const submitted = await client.submitIsvCustomerTerms(termsRequest(space));
    expect(submitted.statusCode).toBe(200);
    expect(submitted.body).toMatchObject({ code: 'OK', message: 'OK' });
    const last = emu.submissions().at(-1)!;
    expect(last).toMatchObject({
      custSpaceId: space,
      isvTerms: 'isvTerms.pdf',
      objectKey: `${data.dir}/isvTerms.pdf`,
      countryId: 'CN',
      accessKeyId: account.accessKeyId,
    });
    expect(last.requestId).toBe(submitted.body!.requestId);
  });

  it('accepts the legacy HMAC-SHA1 RPC signature (signatureAlgorithm v2)', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[1]!;
    const client = camsClient(emu, account, { signatureAlgorithm: 'v2' });
    const auth = await client.getChatappUploadAuthorization(authRequest(space));
    const data = auth.body!.data!;
    await ossFromAuthorization(data).put(`${data.dir}/v2.pdf`, pdfBytes('v2'));
    const submitted = await client.submitIsvCustomerTerms(termsRequest(space, 'v2.pdf'));
    expect(submitted.body!.code).toBe('OK');
    expect(emu.submissions().at(-1)).toMatchObject({ custSpaceId: space, isvTerms: 'v2.pdf' });
  });

  it('accepts ali-oss with authorizationV4', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[2]!;
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(space));
    const data = auth.body!.data!;
    const oss = ossFromAuthorization(data, { authorizationV4: true });
    const put = await oss.put(`${data.dir}/v4.pdf`, pdfBytes('v4'));
    expect(put.res.status).toBe(200);
    const head = await oss.head(`${data.dir}/v4.pdf`);
    expect(head.res.status).toBe(200);
  });

  it('accepts STS credentials on the ChatApp API with both signatures', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[0]!;
    const sts = emu.issueStsCredentials(account.accessKeyId, 600);
    expect(sts.accessKeyId).toMatch(/^STS\./);
    for (const extra of [{}, { signatureAlgorithm: 'v2' }]) {
      const client = camsClient(emu, sts, extra);
      const auth = await client.getChatappUploadAuthorization(authRequest(space));
      expect(auth.body!.code).toBe('OK');
      const submitted = await client.submitIsvCustomerTerms(termsRequest(space));
      expect(submitted.body!.code).toBe('OK');
    }
    // Submissions made with STS keys are recorded against the owning account.
    expect(emu.submissions().at(-1)!.accessKeyId).toBe(account.accessKeyId);
  });

  it('takes parameters from a form body or a GET query, under both signatures', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[0]!;
    for (const extra of [{}, { signatureAlgorithm: 'v2' }]) {
      const client = openApiClient(emu, account, extra);
      const form = await callAction(client, 'GetChatappUploadAuthorization', {}, {}, { body: { CustSpaceId: space } });
      expect((form.body as { Code: string }).Code).toBe('OK');
      const get = await callAction(
        client,
        'GetChatappUploadAuthorization',
        { CustSpaceId: space },
        {},
        { method: 'GET' },
      );
      expect((get.body as { Code: string }).Code).toBe('OK');
    }
  });

  it('records a re-submission as a new version and keeps the history', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[0]!;
    const versions = emu
      .submissions()
      .filter((s) => s.custSpaceId === space)
      .map((s) => s.version);
    expect(versions.length).toBeGreaterThanOrEqual(3);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });
});
