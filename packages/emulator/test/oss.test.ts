// OSS as ali-oss meets it: temporary credentials only, only under the issued Dir, token required and expiring,
// Content-MD5 verified, XML error bodies with the OSS request ID.
import type OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, TERMS_BUCKET, type Emulator } from '../src/index.js';
import { authRequest, camsClient, errorCode, ossFromAuthorization, pdfBytes } from './helpers.js';

type AuthData = {
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  bucketName?: string;
  endPoint?: string;
  dir?: string;
};

describe('OSS', () => {
  let emu: Emulator;
  let data: AuthData;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
    const account = emu.accounts[0]!;
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(account.custSpaceIds[0]!));
    data = auth.body!.data!;
  });
  afterAll(async () => {
    await emu.close();
  });

  it('requires the security token for temporary keys', async () => {
    const oss = ossFromAuthorization({ ...data, securityToken: '' });
    expect(await errorCode(oss.put(`${data.dir}/a.pdf`, pdfBytes()))).toBe('InvalidAccessKeyId');
    const wrong = ossFromAuthorization({ ...data, securityToken: 'CAISnotTheIssuedToken' });
    expect(await errorCode(wrong.put(`${data.dir}/a.pdf`, pdfBytes()))).toBe('InvalidSecurityToken');
  });

  it('refuses writes outside the authorized Dir with AccessDenied (403)', async () => {
    const oss = ossFromAuthorization(data);
    for (const key of [
      'elsewhere/a.pdf',
      `${data.dir}-sibling/a.pdf`,
      `${data.dir}`,
      `C${emu.accounts[0]!.custSpaceIds[1]}/a.pdf`,
    ]) {
      try {
        await oss.put(key, pdfBytes());
        throw new Error(`expected AccessDenied for ${key}`);
      } catch (error) {
        const e = error as { code: string; status: number; requestId?: string };
        expect(e.code).toBe('AccessDenied');
        expect(e.status).toBe(403);
        expect(e.requestId).toMatch(/^[0-9A-F]{24}$/);
      }
    }
  });

  it('refuses an expired token with SecurityTokenExpired', async () => {
    const shortEmu = await startEmulator({ authorizationTtlSeconds: 1 });
    try {
      const account = shortEmu.accounts[0]!;
      const auth = await camsClient(shortEmu, account).getChatappUploadAuthorization(
        authRequest(account.custSpaceIds[0]!),
      );
      const short = auth.body!.data!;
      expect(short.expire).toBe(1);
      await new Promise((r) => setTimeout(r, 1100));
      expect(await errorCode(ossFromAuthorization(short).put(`${short.dir}/late.pdf`, pdfBytes()))).toBe(
        'SecurityTokenExpired',
      );
    } finally {
      await shortEmu.close();
    }
  });

  it('refuses a skewed clock with RequestTimeTooSkewed', async () => {
    const skewed = ossFromAuthorization(data, { amendTimeSkewed: -20 * 60 * 1000 } as Partial<OSS.Options>);
    expect(await errorCode(skewed.put(`${data.dir}/skew.pdf`, pdfBytes()))).toBe('RequestTimeTooSkewed');
  });

  it('verifies Content-MD5 with InvalidDigest', async () => {
    const oss = ossFromAuthorization(data);
    const wrongMd5 = Buffer.alloc(16, 7).toString('base64');
    expect(await errorCode(oss.put(`${data.dir}/md5.pdf`, pdfBytes(), { headers: { 'Content-MD5': wrongMd5 } }))).toBe(
      'InvalidDigest',
    );
    expect(
      await errorCode(oss.put(`${data.dir}/md5.pdf`, pdfBytes(), { headers: { 'Content-MD5': 'not-base64!' } })),
    ).toBe('InvalidDigest');
    expect(emu.objects().some((o) => o.key === `${data.dir}/md5.pdf`)).toBe(false);
  });

  it('rejects a wrong secret with SignatureDoesNotMatch under V1 and V4', async () => {
    for (const extra of [{}, { authorizationV4: true }]) {
      const oss = ossFromAuthorization({ ...data, accessKeySecret: `${data.accessKeySecret}x` }, extra);
      expect(await errorCode(oss.put(`${data.dir}/sig.pdf`, pdfBytes()))).toBe('SignatureDoesNotMatch');
    }
  });

  it("refuses the account's own AccessKey on the service bucket, and unknown keys", async () => {
    const account = emu.accounts[0]!;
    const own = ossFromAuthorization({
      ...data,
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      securityToken: '',
    });
    expect(await errorCode(own.put(`${data.dir}/own.pdf`, pdfBytes()))).toBe('AccessDenied');
    const sts = emu.issueStsCredentials(account.accessKeyId, 600);
    const chatAppSts = ossFromAuthorization({ ...data, ...sts });
    expect(await errorCode(chatAppSts.put(`${data.dir}/sts.pdf`, pdfBytes()))).toBe('AccessDenied');
    const unknown = ossFromAuthorization({ ...data, accessKeyId: 'STS.unknownKeyMadeUpForTests' });
    expect(await errorCode(unknown.put(`${data.dir}/u.pdf`, pdfBytes()))).toBe('InvalidAccessKeyId');
  });

  it('answers NoSuchKey for a missing object and NoSuchBucket for another bucket', async () => {
    const oss = ossFromAuthorization(data);
    expect(await errorCode(oss.get(`${data.dir}/missing.pdf`))).toBe('NoSuchKey');
    const other = ossFromAuthorization({ ...data, bucketName: 'some-other-bucket' });
    expect(await errorCode(other.put(`${data.dir}/x.pdf`, pdfBytes()))).toBe('NoSuchBucket');
  });

  it('also serves path-style clients (a localhost endpoint with sldEnable)', async () => {
    const sld = ossFromAuthorization({ ...data, endPoint: data.endPoint!.replace('127.0.0.1', 'localhost') }, {
      sldEnable: true,
    } as Partial<OSS.Options>);
    expect((await sld.put(`${data.dir}/sld.pdf`, pdfBytes())).res.status).toBe(200);
    expect(emu.objects()).toContainEqual(expect.objectContaining({ bucket: TERMS_BUCKET, key: `${data.dir}/sld.pdf` }));
  });

  it('answers errors as OSS XML with x-oss-request-id, and refuses anonymous access', async () => {
    const res = await fetch(`${emu.endpoint}/${TERMS_BUCKET}/${data.dir}/anon.pdf`, {
      method: 'PUT',
      body: pdfBytes(),
    });
    expect(res.status).toBe(403);
    const xml = await res.text();
    expect(xml).toMatch(
      /<Error>[\s\S]*<Code>AccessDenied<\/Code>[\s\S]*<Message>[\s\S]*<RequestId>[\s\S]*<HostId>[\s\S]*<EC>/,
    );
    expect(res.headers.get('x-oss-request-id')).toMatch(/^[0-9A-F]{24}$/);
  });

  it('refuses bodies over 10 MB with EntityTooLarge and keeps serving', async () => {
    const res = await fetch(`${emu.endpoint}/${TERMS_BUCKET}/${data.dir}/huge.pdf`, {
      method: 'PUT',
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>EntityTooLarge</Code>');
    expect((await ossFromAuthorization(data).put(`${data.dir}/after.pdf`, pdfBytes())).res.status).toBe(200);
  });
});
