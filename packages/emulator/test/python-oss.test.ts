// Alibaba's Python OSS clients against the emulator's OSS side, with the temporary credentials the cams SDK gets
// from GetChatappUploadAuthorization: oss2 (signature V1 and V4) and alibabacloud-oss-v2 (V4 and V1). Both
// clients verify the CRC-64 of what they upload and download against `x-oss-hash-crc64ecma`, and skip the check
// without a word when the header is missing, so the test also asserts that the server's CRC arrived and matched.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { authRequest, camsClient } from './helpers.js';
import { pythonWith } from './python/env.js';
import { OSS_CLIENT_PINS } from './python/pins.js';
import { runDriver } from './python/run-driver.js';

const CLIENTS = [
  { client: 'oss2', auth: 'v1' },
  { client: 'oss2', auth: 'v4' },
  // alibabacloud-oss-v2's default; its V1 signer (1.4.1) sends the STS token as `security-token`, not
  // `x-oss-security-token`, which the emulator refuses (see the README's client list).
  { client: 'oss-v2', auth: 'v4' },
  { client: 'oss-v2-async', auth: 'v4' },
] as const;

interface ObjectOutcome {
  requestId: string;
  etag: string;
  serverCrc: number | string | null;
  clientCrc?: number | string | null;
  contentMd5: string | null;
  text?: string;
  size?: number;
}

describe('Python OSS clients (oss2, alibabacloud-oss-v2)', () => {
  let emu: Emulator;
  let python: string;
  let job: Record<string, string>;
  let dir: string;
  beforeAll(async () => {
    python = pythonWith('oss-clients', OSS_CLIENT_PINS);
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
    const account = emu.accounts[0]!;
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(account.custSpaceIds[0]!));
    const data = auth.body!.data!;
    dir = data.dir!;
    job = {
      endpoint: data.endPoint!,
      accessKeyId: data.accessKeyId!,
      accessKeySecret: data.accessKeySecret!,
      securityToken: data.securityToken!,
      bucket: data.bucketName!,
    };
  }, 600_000);
  afterAll(async () => {
    await emu.close();
  });

  it('uploads, downloads and heads with every client and signature; CRC-64, ETag, Content-MD5 and request id as OSS sends them', async () => {
    const calls = CLIENTS.flatMap(({ client, auth }, i) => {
      const key = `${dir}/py-${client}-${auth}.pdf`;
      const text = `%PDF-1.4\n% ${client} ${auth} 合同 ${'x'.repeat(1000 * (i + 1))}\n%%EOF\n`;
      return [
        { id: `${client}-${auth}-put`, client, auth, op: 'put', key, text },
        { id: `${client}-${auth}-get`, client, auth, op: 'get', key },
        { id: `${client}-${auth}-head`, client, auth, op: 'head', key },
      ];
    });
    const outcomes = await runDriver(python, 'oss-clients.py', { ...job, calls });
    for (const { client, auth } of CLIENTS) {
      const key = `${dir}/py-${client}-${auth}.pdf`;
      const stored = emu.objects().find((o) => o.key === key);
      expect(stored, key).toBeDefined();
      const md5 = Buffer.from(stored!.contentMd5, 'base64');
      const etag = md5.toString('hex').toUpperCase();
      for (const op of ['put', 'get', 'head']) {
        const outcome = outcomes.get(`${client}-${auth}-${op}`)!;
        expect(outcome.error, `${client} ${auth} ${op}`).toBeUndefined();
        expect(outcome.ok, `${client} ${auth} ${op}: ${outcome.code}`).toBe(true);
        const body = outcome.body as ObjectOutcome;
        expect(body.requestId).toMatch(/^[0-9A-F]{24}$/);
        // oss2 strips the quotes, oss-v2 keeps them.
        expect(body.etag.replace(/"/g, '')).toBe(etag);
        expect(body.contentMd5).toBe(stored!.contentMd5);
        expect(body.serverCrc, `${client} ${auth} ${op} got no x-oss-hash-crc64ecma`).not.toBeNull();
        if (body.clientCrc !== undefined) expect(String(body.serverCrc)).toBe(String(body.clientCrc));
      }
      const get = outcomes.get(`${client}-${auth}-get`)!.body as ObjectOutcome;
      const head = outcomes.get(`${client}-${auth}-head`)!.body as ObjectOutcome;
      expect(createHash('md5').update(get.text!).digest().equals(md5)).toBe(true);
      expect(head.size).toBe(stored!.size);
      expect(String(head.serverCrc)).toBe(String(get.serverCrc));
    }
  });

  it('keeps object keys literal with every client: spaces, +, &, =, commas, brackets and Chinese', async () => {
    const keyOf = (client: string, auth: string) => `${dir}/合同 a+b&c=d,e (${client} ${auth}).pdf`;
    const calls = CLIENTS.flatMap(({ client, auth }) => [
      { id: `${client}-${auth}-put`, client, auth, op: 'put', key: keyOf(client, auth), text: `%PDF-1.4 ${client}` },
      { id: `${client}-${auth}-get`, client, auth, op: 'get', key: keyOf(client, auth) },
    ]);
    const outcomes = await runDriver(python, 'oss-clients.py', { ...job, calls });
    const keys = emu.objects().map((o) => o.key);
    for (const { client, auth } of CLIENTS) {
      for (const op of ['put', 'get']) {
        const outcome = outcomes.get(`${client}-${auth}-${op}`)!;
        expect(outcome.ok, `${client} ${auth} ${op}: ${outcome.code ?? outcome.error}`).toBe(true);
      }
      expect(keys).toContain(keyOf(client, auth));
      expect((outcomes.get(`${client}-${auth}-get`)!.body as ObjectOutcome).text).toBe(`%PDF-1.4 ${client}`);
    }
  });

  it('refuses a wrong secret, a stale date and a key changed after signing, with the codes OSS uses', async () => {
    const calls = CLIENTS.flatMap(({ client, auth }) => {
      const key = `${dir}/py-refused-${client}-${auth}.pdf`;
      const base = { client, auth, op: 'put', key, text: '%PDF-1.4\n%%EOF\n' };
      return [
        { id: `${client}-${auth}-secret`, ...base, secret: 'not-the-upload-secret' },
        { id: `${client}-${auth}-stale`, ...base, skew: 3600 },
        { id: `${client}-${auth}-tamper`, ...base, tamperKey: `${dir}/py-other-${client}-${auth}.pdf` },
      ];
    });
    const outcomes = await runDriver(python, 'oss-clients.py', { ...job, calls });
    for (const { client, auth } of CLIENTS) {
      const expected = {
        secret: 'SignatureDoesNotMatch',
        stale: 'RequestTimeTooSkewed',
        tamper: 'SignatureDoesNotMatch',
      };
      for (const [what, code] of Object.entries(expected)) {
        expect(outcomes.get(`${client}-${auth}-${what}`), `${client} ${auth} ${what}`).toMatchObject({
          ok: false,
          code,
          status: 403,
        });
      }
    }
    expect(emu.objects().filter((o) => o.key.includes('py-refused-') || o.key.includes('py-other-'))).toEqual([]);
  });
});
