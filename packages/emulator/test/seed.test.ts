// Seeds and the public barrel: the defaults the README documents, validation that names the field, and the exact
// set of runtime exports.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as barrel from '../src/index.js';
import { defaultSeed, startEmulator } from '../src/index.js';
import { COUNTRY_CODE_COUNT } from '../src/rules/country-codes.js';
import { authRequest, camsClient, errorCode } from './helpers.js';

describe('seeds', () => {
  it('has a permitted account first (3+ spaces), then unsubscribed, denied and a second permitted account', () => {
    const seed = defaultSeed();
    const [permitted, unsubscribed, denied, second] = seed.accounts;
    expect(permitted).toMatchObject({ subscribed: true, deniedActions: [] });
    expect(permitted!.custSpaceIds.length).toBeGreaterThanOrEqual(3);
    expect(unsubscribed!.subscribed).toBe(false);
    expect(denied!.deniedActions).toEqual(['cams:SubmitIsvCustomerTerms']);
    expect(second).toMatchObject({ subscribed: true, deniedActions: [] });
    expect(seed.rateLimitPerSecond).toBe(5);
  });

  it('generates fresh keys per call, never shaped like real Alibaba keys', () => {
    const a = defaultSeed().accounts[0]!;
    const b = defaultSeed().accounts[0]!;
    expect(a.accessKeyId).not.toBe(b.accessKeyId);
    expect(a.accessKeySecret).not.toBe(b.accessKeySecret);
    for (const account of defaultSeed().accounts) expect(account.accessKeyId).not.toMatch(/^LTAI/);
  });

  it('rejects invalid seeds naming the field', async () => {
    const bad = {
      accounts: [
        { accessKeyId: 'FAKE-ID-1', accessKeySecret: 'short', subscribed: true, deniedActions: [], custSpaceIds: [] },
      ],
    };
    await expect(startEmulator({ seed: bad })).rejects.toThrow(/accounts\[0\]\.accessKeySecret/);
    const dup = {
      accounts: [
        {
          accessKeyId: 'FAKE-ID-1',
          accessKeySecret: 'fake-secret-1',
          subscribed: true,
          deniedActions: [],
          custSpaceIds: ['1'],
        },
        {
          accessKeyId: 'FAKE-ID-2',
          accessKeySecret: 'fake-secret-2',
          subscribed: true,
          deniedActions: [],
          custSpaceIds: ['1'],
        },
      ],
    };
    await expect(startEmulator({ seed: dup })).rejects.toThrow(/custSpaceIds/);
    await expect(startEmulator({ latencyMs: { Nope: 1 } as never })).rejects.toThrow(/latencyMs\.Nope/);
  });

  it('loads a seed file and honours its rate limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-seed-'));
    const path = join(dir, 'seed.json');
    await writeFile(
      path,
      JSON.stringify({
        accounts: [
          {
            accessKeyId: 'FAKE-ID-9',
            accessKeySecret: 'fake-secret-9',
            subscribed: true,
            deniedActions: [],
            custSpaceIds: ['42'],
          },
        ],
        rateLimitPerSecond: 1,
      }),
    );
    const emu = await startEmulator({ seed: path });
    try {
      expect(emu.accounts[0]!.accessKeyId).toBe('FAKE-ID-9');
      const client = camsClient(emu, emu.accounts[0]!);
      const codes = await Promise.all(
        [0, 1, 2].map(() => errorCode(client.getChatappUploadAuthorization(authRequest('42'))).catch(() => 'OK')),
      );
      expect(codes.filter((c) => c === 'OK').length).toBeGreaterThanOrEqual(1);
      expect(codes.filter((c) => c === 'System.LimitControl').length).toBeGreaterThanOrEqual(1);
    } finally {
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('knows all 249 ISO 3166-1 alpha-2 codes', () => {
    expect(COUNTRY_CODE_COUNT).toBe(249);
  });

  it('exports exactly the intended runtime surface', () => {
    expect(Object.keys(barrel).sort()).toEqual(['OPERATIONS', 'TERMS_BUCKET', 'defaultSeed', 'startEmulator']);
  });
});
