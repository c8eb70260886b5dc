// Withdrawing an action (seed, option, handle and HTTP) makes it answer as the gateway answers a missing action,
// and per-operation quotas replace the default for the actions they name.
import { writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed, startEmulator, type Emulator } from '../src/index.js';
import { camsClient, errorCode, termsRequest } from './helpers.js';
import { rpc, rpcError } from './instance-helpers.js';

describe('withdrawn actions', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000, withdrawnOperations: ['SubmitIsvCustomerTerms'] });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('answers a withdrawn action with InvalidAction.NotFound (404), before any other check', async () => {
    const account = emu.accounts[0]!;
    const sdk = camsClient(emu, account);
    expect(await errorCode(sdk.submitIsvCustomerTerms(termsRequest(account.custSpaceIds[0]!)))).toBe(
      'InvalidAction.NotFound',
    );
    const refused = await rpcError(emu, account, 'SubmitIsvCustomerTerms', { CustSpaceId: account.custSpaceIds[0]! });
    expect(refused).toMatchObject({ code: 'InvalidAction.NotFound', statusCode: 404 });
    // Unsigned, the same answer: routing comes first.
    const res = await fetch(`${emu.endpoint}/?Action=SubmitIsvCustomerTerms&Version=2020-06-06`);
    expect(res.status).toBe(404);
    expect(await res.json()).not.toHaveProperty('Success');
    // The others still work.
    expect((await rpc(emu, account, 'ListInstance')).Success).toBe(true);
    expect(emu.stats().operations.SubmitIsvCustomerTerms.requests).toBe(0);
  });

  it('can be changed at run time, from the handle and over HTTP', async () => {
    const account = emu.accounts[0]!;
    emu.setWithdrawnOperations([]);
    expect(
      await errorCode(camsClient(emu, account).submitIsvCustomerTerms(termsRequest(account.custSpaceIds[0]!))),
    ).toBe('InvalidIsvTerms.NotFound');
    const put = await fetch(`${emu.endpoint}/__emulator/withdrawn`, {
      method: 'PUT',
      body: JSON.stringify(['SubmitIsvCustomerTerms', 'QueryInstance']),
    });
    expect(put.status).toBe(200);
    expect(await (await fetch(`${emu.endpoint}/__emulator/withdrawn`)).json()).toEqual([
      'SubmitIsvCustomerTerms',
      'QueryInstance',
    ]);
    expect((await rpcError(emu, account, 'QueryInstance', { InstanceId: '1' })).code).toBe('InvalidAction.NotFound');
    const bad = await fetch(`${emu.endpoint}/__emulator/withdrawn`, { method: 'PUT', body: '["NoSuchAction"]' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('NoSuchAction');
    expect(() => emu.setWithdrawnOperations(['PutObject' as never])).toThrow(/not an RPC operation/);
    emu.setWithdrawnOperations(['SubmitIsvCustomerTerms']);
  });

  it('comes from a seed file, and a bad entry is refused at start-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-withdrawn-'));
    try {
      const seed = { ...defaultSeed(), withdrawnOperations: ['SubmitIsvCustomerTerms'] };
      writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
      const fromFile = await startEmulator({ seed: join(dir, 'seed.json') });
      try {
        const account = fromFile.accounts[0]!;
        const refused = await rpcError(fromFile, account, 'SubmitIsvCustomerTerms');
        expect(refused.code).toBe('InvalidAction.NotFound');
      } finally {
        await fromFile.close();
      }
      await expect(
        startEmulator({ seed: { ...defaultSeed(), withdrawnOperations: ['Nope' as never] } }),
      ).rejects.toThrow(/invalid seed: withdrawnOperations\[0\] \("Nope"\) is not an RPC operation/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('per-operation quotas', () => {
  it('applies a configured quota to its action and the default to the others', async () => {
    const seed = { ...defaultSeed(), rateLimitPerOperation: { ListInstance: 10 } };
    const emu = await startEmulator({ seed, rateLimitPerOperation: { QueryInstance: 2 } });
    try {
      const account = emu.accounts[0]!;
      const burst = async (action: string, query: Record<string, string>) => {
        const results = await Promise.all(
          Array.from({ length: 14 }, () =>
            rpc(emu, account, action, query).then(
              () => 'OK',
              (error: { code?: string }) => String(error.code),
            ),
          ),
        );
        expect(results.every((r) => r === 'OK' || r === 'System.LimitControl')).toBe(true);
        const arrivals = emu.stats().operations[action as 'ListInstance'].arrivals[account.accessKeyId]!;
        // The emulator's own arrival stamps say whether the burst fitted in one window.
        const oneWindow = Math.max(...arrivals) - Math.min(...arrivals) < 1000;
        return { ok: results.filter((r) => r === 'OK').length, oneWindow };
      };
      const instanceId = ((await rpc(emu, account, 'ListInstance')).Data as Array<{ InstanceId: string }>)[0]!
        .InstanceId;
      const list = await burst('ListInstance', {});
      const query = await burst('QueryInstance', { InstanceId: instanceId });
      const create = await burst('CreateInstance', { ChannelType: 'WHATSAPP', InstanceName: 'q' });
      // ListInstance was called once before the burst.
      if (list.oneWindow) expect(list.ok).toBe(9);
      else expect(list.ok).toBeGreaterThanOrEqual(9);
      if (query.oneWindow) expect(query.ok).toBe(2);
      else expect(query.ok).toBeGreaterThanOrEqual(2);
      if (create.oneWindow) expect(create.ok).toBe(5);
      else expect(create.ok).toBeGreaterThanOrEqual(5);
      await expect(startEmulator({ rateLimitPerOperation: { PutObject: 3 } as never })).rejects.toThrow(
        /invalid option: rateLimitPerOperation.PutObject is not an RPC operation/,
      );
    } finally {
      await emu.close();
    }
  });
});
