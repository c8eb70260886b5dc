// The account's quota shared through Redis by configuration alone: the built bin started with
// CHATAPP_ISV_QUOTA_REDIS_URL (or --quota-redis-url) takes its quota slots from a real redis-server, and a bad URL
// stops it at start-up without echoing the URL.
import { execFileSync, spawnSync } from 'node:child_process';

import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startRedisServer, type RedisServer } from '../../quota-redis/test/helpers/redis-server.js';
import { BIN, company, makeTree, newClient, pdf, startHttpBin, textOf, type HttpBin, type Tree } from './helpers.js';

let emu: Emulator;
let redis: RedisServer;
let tree: Tree;
let bin: HttpBin;

beforeAll(async () => {
  [emu, redis, tree] = await Promise.all([startEmulator(), startRedisServer(), makeTree()]);
  const account = emu.accounts[0]!;
  bin = await startHttpBin(['--endpoint', emu.endpoint, '--allow-dir', tree.allowed, '--yes'], {
    ALIBABA_CLOUD_ACCESS_KEY_ID: account.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret,
    CHATAPP_ISV_QUOTA_REDIS_URL: redis.url,
  });
});

afterAll(async () => {
  await bin?.stop();
  await Promise.all([redis?.dispose(), emu?.close(), tree?.remove()]);
});

describe('shared quota', () => {
  it('takes the quota slots of an onboarding from Redis when CHATAPP_ISV_QUOTA_REDIS_URL is set', async () => {
    const account = emu.accounts[0]!;
    const space = account.custSpaceIds[0] as string;
    const client = newClient('modern');
    await client.connect(new StreamableHTTPClientTransport(new URL(bin.url)));
    try {
      const onboard = await client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), contentBase64: pdf('shared').toString('base64'), fileName: 'shared.pdf' },
      });
      expect(onboard.isError ?? false, textOf(onboard)).toBe(false);
    } finally {
      await client.close();
    }
    // The grants of this account's two operations are in Redis (they expire a few seconds after the last call).
    const keys = execFileSync('redis-cli', ['-s', redis.socketPath, '--raw', 'KEYS', 'chatapp-isv:quota:*:grants'], {
      encoding: 'utf8',
    });
    expect(keys.trim().split('\n').sort()).toEqual([
      `chatapp-isv:quota:{${account.accessKeyId}#GetChatappUploadAuthorization}:grants`,
      `chatapp-isv:quota:{${account.accessKeyId}#SubmitIsvCustomerTerms}:grants`,
    ]);
    expect(bin.stderr.join('')).toContain('"sharedQuota":true');
  });

  it('refuses a bad --quota-redis-url at start-up, naming the flag but not echoing the URL', () => {
    const result = spawnSync(process.execPath, [BIN, '--quota-redis-url', 'http://user:Pa55word@example.com'], {
      env: { PATH: process.env['PATH'] ?? '' },
      encoding: 'utf8',
      input: '',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--quota-redis-url: must use redis:\/\/, rediss:\/\/ or unix:\/\//);
    expect(result.stderr).not.toContain('Pa55word');
  });
});
