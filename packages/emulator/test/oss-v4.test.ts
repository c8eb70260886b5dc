// OSS4-HMAC-SHA256 as OSS documents it: the credential scope's region must be the one the Host names (a bare
// region ID, no "oss-" prefix), and x-oss-content-sha256 must be sent. ali-oss always gets both right, so the
// broken requests are hand-signed; ali-oss itself is shown to pass with a non-default region too.
import type OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { authRequest, camsClient, ossFromAuthorization, pdfBytes } from './helpers.js';
import { codeOf, ossV4Put, type UploadCreds } from './raw-signing.js';

describe('OSS V4 signature', () => {
  let emu: Emulator;
  let data: Parameters<typeof ossFromAuthorization>[0];
  let creds: UploadCreds;
  let dir: string;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
    const account = emu.accounts[0]!;
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(account.custSpaceIds[0]!));
    const d = auth.body!.data!;
    data = d;
    creds = {
      accessKeyId: d.accessKeyId!,
      accessKeySecret: d.accessKeySecret!,
      securityToken: d.securityToken!,
      bucketName: d.bucketName!,
    };
    dir = d.dir!;
  });
  afterAll(async () => {
    await emu.close();
  });

  it('accepts ali-oss V4 with a region other than the default', async () => {
    const oss = ossFromAuthorization(data, {
      authorizationV4: true,
      region: 'oss-ap-southeast-1',
    } as Partial<OSS.Options>);
    expect((await oss.put(`${dir}/v4-region.pdf`, pdfBytes())).res.status).toBe(200);
  });

  it('accepts a hand-signed V4 request whose scope region matches the Host', async () => {
    const res = await ossV4Put(emu.endpoint, creds, `${dir}/v4-hand.pdf`, pdfBytes(), {
      hostRegion: 'cn-hangzhou',
      scopeRegion: 'cn-hangzhou',
      contentSha256: 'UNSIGNED-PAYLOAD',
    });
    expect(res.status).toBe(200);
  });

  it('refuses a scope region that differs from the Host, or carries the oss- prefix', async () => {
    for (const [hostRegion, scopeRegion] of [
      ['cn-hangzhou', 'ap-southeast-1'],
      ['cn-hangzhou', 'oss-cn-hangzhou'],
    ] as const) {
      const res = await ossV4Put(emu.endpoint, creds, `${dir}/v4-region-bad.pdf`, pdfBytes(), {
        hostRegion,
        scopeRegion,
        contentSha256: 'UNSIGNED-PAYLOAD',
      });
      expect(res.status, scopeRegion).toBe(400);
      expect(codeOf(res), scopeRegion).toBe('InvalidArgument');
      expect(res.text).toContain('region');
    }
  });

  it('requires x-oss-content-sha256', async () => {
    const res = await ossV4Put(emu.endpoint, creds, `${dir}/v4-nosha.pdf`, pdfBytes(), {
      hostRegion: 'cn-hangzhou',
      scopeRegion: 'cn-hangzhou',
      contentSha256: undefined,
    });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('InvalidArgument');
    expect(res.text).toContain('x-oss-content-sha256');
    expect(emu.objects().some((o) => o.key.startsWith(`${dir}/v4-nosha`) || o.key.includes('region-bad'))).toBe(false);
  });
});
