// GeneratePresignedUrl and the OSS side that serves its URLs: a plain HTTP GET of the URL returns the object;
// an expired URL, a tampered one (signature, expiry or key changed), another verb, and a path outside the
// caller's spaces are refused with OSS's codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { pdfBytes } from './helpers.js';
import { rpc, rpcError, uploadTerms } from './instance-helpers.js';

async function ossCode(res: Response): Promise<string | undefined> {
  return /<Code>([^<]+)<\/Code>/.exec(await res.text())?.[1];
}

describe('GeneratePresignedUrl', () => {
  let emu: Emulator;
  let key: string;
  const body = pdfBytes('presigned');
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
    key = await uploadTerms(emu, emu.accounts[0]!, emu.accounts[0]!.custSpaceIds[0]!, 'signed.pdf', body);
  });
  afterAll(async () => {
    await emu.close();
  });

  const presign = async (filePath: string, on = emu) =>
    ((await rpc(on, on.accounts[0]!, 'GeneratePresignedUrl', { FilePath: filePath })).Data as { Url: string }).Url;

  it('returns a V1 query-signed GET URL on the emulator that serves the object', async () => {
    const response = await rpc(emu, emu.accounts[0]!, 'GeneratePresignedUrl', { FilePath: `/${key}` });
    expect(response).toMatchObject({ Code: 'OK', Success: true });
    const url = new URL((response.Data as { Url: string }).Url);
    expect(url.origin).toBe(emu.endpoint);
    expect(url.pathname).toBe(`/chatapp-isv-terms/${key}`);
    expect([...url.searchParams.keys()].sort()).toEqual(['Expires', 'OSSAccessKeyId', 'Signature']);
    const expires = Number(url.searchParams.get('Expires'));
    expect(expires - Math.floor(Date.now() / 1000)).toBeGreaterThan(3000); // default lifetime 3600 s
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
    // Without the leading slash too.
    expect((await fetch(await presign(key))).status).toBe(200);
    expect(emu.stats().operations.GetObject.succeeded).toBeGreaterThanOrEqual(2);
  });

  it('refuses a tampered URL: signature, expiry or key changed', async () => {
    const url = new URL(await presign(key));
    const signature = url.searchParams.get('Signature')!;
    const flipped = new URL(url);
    flipped.searchParams.set('Signature', `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`);
    let res = await fetch(flipped);
    expect([res.status, await ossCode(res)]).toEqual([403, 'SignatureDoesNotMatch']);

    const later = new URL(url);
    later.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 3600));
    res = await fetch(later);
    expect([res.status, await ossCode(res)]).toEqual([403, 'SignatureDoesNotMatch']);

    await uploadTerms(emu, emu.accounts[0]!, emu.accounts[0]!.custSpaceIds[0]!, 'other.pdf');
    const otherKey = new URL(url);
    otherKey.pathname = otherKey.pathname.replace('signed.pdf', 'other.pdf');
    res = await fetch(otherKey);
    expect([res.status, await ossCode(res)]).toEqual([403, 'SignatureDoesNotMatch']);

    const unknownKey = new URL(url);
    unknownKey.searchParams.set('OSSAccessKeyId', 'EMUOSSnotTheServiceKey');
    res = await fetch(unknownKey);
    expect([res.status, await ossCode(res)]).toEqual([403, 'InvalidAccessKeyId']);

    const extra = new URL(url);
    extra.searchParams.set('response-content-type', 'text/plain');
    res = await fetch(extra);
    expect([res.status, await ossCode(res)]).toEqual([403, 'AccessDenied']);

    // The URL is for GET: other verbs do not match the signature.
    res = await fetch(url, { method: 'HEAD' });
    expect(res.status).toBe(403);
    res = await fetch(url, { method: 'PUT', body: pdfBytes('overwrite') });
    expect([res.status, await ossCode(res)]).toEqual([403, 'SignatureDoesNotMatch']);
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses an expired URL', async () => {
    const brief = await startEmulator({ rateLimitPerSecond: 1000, presignedUrlTtlSeconds: 1 });
    try {
      const account = brief.accounts[0]!;
      const briefKey = await uploadTerms(brief, account, account.custSpaceIds[0]!, 'brief.pdf');
      const url = new URL(await presign(briefKey, brief));
      const expiresMs = Number(url.searchParams.get('Expires')) * 1000;
      // Wait until the URL's own expiry has passed (a state to reach, not a speed to measure).
      while (Date.now() <= expiresMs + 50) await new Promise((resolve) => setTimeout(resolve, 100));
      const res = await fetch(url);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(text).toContain('<Code>AccessDenied</Code>');
      expect(text).toContain('Request has expired.');
    } finally {
      await brief.close();
    }
  });

  it("signs only paths under the caller's own spaces", async () => {
    const foreign = `C${emu.accounts[3]!.custSpaceIds[0]!}/x.pdf`;
    expect((await rpcError(emu, emu.accounts[0]!, 'GeneratePresignedUrl', { FilePath: foreign })).code).toBe(
      'Unknown.ResourceOwnerId',
    );
    for (const bad of ['/', '../C1/x.pdf', `C${emu.accounts[0]!.custSpaceIds[0]!}/../x.pdf`]) {
      expect((await rpcError(emu, emu.accounts[0]!, 'GeneratePresignedUrl', { FilePath: bad })).code).toBe(
        'InvalidParameter',
      );
    }
    expect((await rpcError(emu, emu.accounts[0]!, 'GeneratePresignedUrl')).code).toBe('MissingParameter');
    // A URL for an object not uploaded yet is issued; fetching it finds nothing.
    const res = await fetch(await presign(`C${emu.accounts[0]!.custSpaceIds[1]!}/later.pdf`));
    expect([res.status, await ossCode(res)]).toEqual([404, 'NoSuchKey']);
  });
});
