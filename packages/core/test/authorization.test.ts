// The upload authorization cache: one GetChatappUploadAuthorization per space for a burst, a new one shortly
// before expiry, exactly one refresh when OSS refuses an expired token, and its secrets masked when printed.
import { inspect } from 'node:util';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED } from '../src/index.js';
import { clientFor, emulator, permitted, recordingLogger } from './helpers/emulator.js';
import { samplePdf } from './helpers/fixtures.js';

let emu: Emulator;

beforeAll(async () => {
  // Authorizations live one second, so expiry can be exercised quickly.
  emu = await emulator({ authorizationTtlSeconds: 1 });
});

afterEach(() => {
  emu.clearFaults();
});

afterAll(async () => {
  await emu.close();
});

const authorizations = () => emu.stats().operations.GetChatappUploadAuthorization.requests;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('upload authorization cache', () => {
  it('shares one authorization between concurrent uploads for the same space', async () => {
    const client = clientFor(emu, permitted(emu));
    const space = permitted(emu).custSpaceIds[0] ?? '';
    const before = authorizations();
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: `burst-${n}.pdf` }),
      ),
    );
    expect(authorizations()).toBe(before + 1);
  });

  it('keys the cache by space: two spaces, two authorizations', async () => {
    const client = clientFor(emu, permitted(emu));
    const [first, second] = permitted(emu).custSpaceIds;
    const before = authorizations();
    const a = await client.getUploadAuthorization({ custSpaceId: first ?? '' });
    const b = await client.getUploadAuthorization({ custSpaceId: second ?? '' });
    expect(a.dir).not.toBe(b.dir);
    expect(authorizations()).toBe(before + 2);
  });

  it('fetches a new authorization once the cached one is close to expiry, and on forceRefresh', async () => {
    const client = clientFor(emu, permitted(emu));
    const space = permitted(emu).custSpaceIds[1] ?? '';
    const before = authorizations();
    const first = await client.getUploadAuthorization({ custSpaceId: space });
    expect(await client.getUploadAuthorization({ custSpaceId: space })).toBe(first);
    await sleep(900); // past the refresh point (a fifth of the 1 s lifetime before expiry)
    const second = await client.uploadTermsFile({
      custSpaceId: space,
      file: samplePdf(),
      fileName: 'after-expiry.pdf',
    });
    expect(second.objectKey).toBe(`C${space}/after-expiry.pdf`);
    expect(authorizations()).toBe(before + 2);
    expect(emu.stats().operations.PutObject.errors['SecurityTokenExpired'] ?? 0).toBe(0);
    const forced = await client.getUploadAuthorization({ custSpaceId: space, forceRefresh: true });
    expect(forced.accessKeyId).not.toBe(first.accessKeyId);
    expect(authorizations()).toBe(before + 3);
  });

  it('refreshes exactly once when OSS refuses the token as expired, then uploads', async () => {
    const logger = recordingLogger();
    const client = clientFor(emu, permitted(emu), { logger });
    const space = permitted(emu).custSpaceIds[2] ?? '';
    const before = authorizations();
    // The upload is held past the token's lifetime before OSS checks it: OSS answers SecurityTokenExpired.
    emu.setFaults('PutObject', { latencyMs: 1300, count: 1 });
    const result = await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'refreshed.pdf' });
    expect(result.objectKey).toBe(`C${space}/refreshed.pdf`);
    expect(emu.stats().operations.PutObject.errors['SecurityTokenExpired']).toBe(1);
    expect(authorizations()).toBe(before + 2);
    expect(logger.lines.some((line) => /refused as expired/.test(line.message))).toBe(true);
  });

  it('shares one failed fetch between concurrent callers instead of repeating it once per caller', async () => {
    const unsubscribed = emu.accounts[1];
    if (unsubscribed === undefined) throw new Error('the seed has no second account');
    const client = clientFor(emu, unsubscribed);
    const before = authorizations();
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => client.getUploadAuthorization({ custSpaceId: unsubscribed.custSpaceIds[0] ?? '' })),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(5).fill('rejected'));
    expect(authorizations()).toBe(before + 1);
  });

  it('shares one failed replacement between concurrent uploads refused as expired', async () => {
    const client = clientFor(emu, permitted(emu), { retry: { maxAttempts: 1 } });
    const space = permitted(emu).custSpaceIds[0] ?? '';
    await client.getUploadAuthorization({ custSpaceId: space, forceRefresh: true });
    const before = authorizations();
    // All three uploads are held past the token's lifetime, and the replacement fails slowly, so every upload
    // asks for a replacement while the first request for one is still in flight.
    emu.setFaults('PutObject', { latencyMs: 1300, count: 3 });
    emu.setFaults('GetChatappUploadAuthorization', { errorCode: 'ServiceUnavailable', latencyMs: 500 });
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map((n) =>
        client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: `late-${n}.pdf` }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(authorizations()).toBe(before + 1);
  });

  it('prints an authorization with its secret and token masked', async () => {
    const client = clientFor(emu, permitted(emu));
    const auth = await client.getUploadAuthorization({ custSpaceId: permitted(emu).custSpaceIds[0] ?? '' });
    for (const printed of [inspect(auth), JSON.stringify(auth), inspect({ nested: auth }, { depth: 5 })]) {
      expect(printed).not.toContain(auth.accessKeySecret);
      expect(printed).not.toContain(auth.securityToken);
      expect(printed).toContain(REDACTED);
      expect(printed).toContain(auth.dir);
    }
  });
});
