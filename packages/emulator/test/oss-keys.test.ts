// Object keys that try to leave the authorized Dir (dot segments, encoded slashes, the Dir itself) and V1 dates
// OSS would not accept. Sent over raw HTTP with a V1 signature: ali-oss never puts a literal `..` on the wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { authRequest, camsClient, pdfBytes } from './helpers.js';
import { codeOf, ossV1Put, type UploadCreds } from './raw-signing.js';

describe('OSS object keys', () => {
  let emu: Emulator;
  let creds: UploadCreds;
  let dir: string;
  let otherDir: string;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
    const account = emu.accounts[0]!;
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(account.custSpaceIds[0]!));
    const data = auth.body!.data!;
    creds = {
      accessKeyId: data.accessKeyId!,
      accessKeySecret: data.accessKeySecret!,
      securityToken: data.securityToken!,
      bucketName: data.bucketName!,
    };
    dir = data.dir!;
    otherDir = `C${account.custSpaceIds[1]!}`;
  });
  afterAll(async () => {
    await emu.close();
  });

  const put = (rawKey: string) => ossV1Put(emu.endpoint, creds, rawKey, pdfBytes());

  it('stores a hand-signed upload under Dir, and treats %2F in a key as the slash it encodes', async () => {
    expect((await put(`${dir}/plain.pdf`)).status).toBe(200);
    expect((await put(`${dir}%2Fencoded.pdf`)).status).toBe(200);
    const keys = emu.objects().map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining([`${dir}/plain.pdf`, `${dir}/encoded.pdf`]));
  });

  it('refuses dot segments, literal or percent-encoded, with InvalidObjectName and stores nothing', async () => {
    for (const rawKey of [
      `${dir}/../${otherDir}/evil.pdf`,
      `${dir}%2F..%2F${otherDir}%2Fevil.pdf`,
      `${dir}/%2E%2E/${otherDir}/evil.pdf`,
      `${dir}/./dot.pdf`,
      `${dir}/..`,
    ]) {
      const res = await put(rawKey);
      expect(res.status, rawKey).toBe(400);
      expect(codeOf(res), rawKey).toBe('InvalidObjectName');
    }
    expect(emu.objects().some((o) => o.key.includes('evil') || o.key.includes('dot.pdf'))).toBe(false);
  });

  it('refuses the Dir itself and other folders with AccessDenied', async () => {
    for (const rawKey of [dir, `${dir}/`, `${dir}%2F`, `${otherDir}/x.pdf`, `${dir}x/y.pdf`]) {
      const res = await put(rawKey);
      expect(res.status, rawKey).toBe(403);
      expect(codeOf(res), rawKey).toBe('AccessDenied');
    }
  });

  it('takes the V1 date only in the RFC 1123 form (as ali-oss sends it), refusing ISO or bare dates', async () => {
    const now = new Date();
    for (const date of [now.toISOString(), now.toISOString().slice(0, 10), String(now.getTime())]) {
      const res = await ossV1Put(emu.endpoint, creds, `${dir}/dated.pdf`, pdfBytes(), date);
      expect(res.status, date).toBe(403);
      expect(codeOf(res), date).toBe('AccessDenied');
    }
    expect((await ossV1Put(emu.endpoint, creds, `${dir}/dated.pdf`, pdfBytes(), now.toUTCString())).status).toBe(200);
  });
});
