// The newest official Python SDK (alibabacloud-cams20200606 5.3.1) against the emulator, its *Instance methods
// called unchanged: paging, query, update with a presigned URL it generated (and a plain GET of that URL), create
// and delete, the refusals (wrong owner, missing instance, RAM denial), a withdrawn action and a per-operation quota.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed, startEmulator, type Emulator } from '../src/index.js';
import { listAll, uploadTerms } from './instance-helpers.js';
import { pythonWith } from './python/env.js';
import { CAMS_INSTANCE_PINS } from './python/pins.js';
import { runDriver, type DriverOutcome } from './python/run-driver.js';

type Body = { Code?: string; Success?: boolean; TotalCount?: number; Data?: unknown };

describe('alibabacloud-cams20200606 5.3.1 (Python) *Instance methods', () => {
  let emu: Emulator;
  let python: string;
  beforeAll(async () => {
    python = pythonWith('cams-instance', CAMS_INSTANCE_PINS);
    const seed = defaultSeed();
    seed.accounts[2]!.deniedActions = ['cams:UpdateInstance'];
    emu = await startEmulator({ seed, rateLimitPerSecond: 10_000, rateLimitPerOperation: { QueryInstance: 3 } });
  }, 600_000);
  afterAll(async () => {
    await emu.close();
  });

  function run(calls: unknown[]): Promise<Map<string, DriverOutcome>> {
    const accounts = emu.accounts.map(({ accessKeyId, accessKeySecret }) => ({ accessKeyId, accessKeySecret }));
    return runDriver(python, 'cams-instance.py', { endpoint: emu.endpoint.replace(/^http:\/\//, ''), accounts, calls });
  }
  function body(outcomes: Map<string, DriverOutcome>, id: string): Body {
    const outcome = outcomes.get(id)!;
    expect(outcome.error, id).toBeUndefined();
    expect(outcome, `${id}: ${outcome.code} ${outcome.message}`).toMatchObject({ ok: true });
    return outcome.body as Body;
  }

  it('pages, queries, presigns, updates, creates and deletes through the SDK methods', async () => {
    const owner = emu.accounts[0]!;
    const space = owner.custSpaceIds[0]!;
    const key = await uploadTerms(emu, owner, space, 'python.pdf');
    const first = await run([
      { id: 'page1', op: 'list_instance', fields: { page_index: 1, page_size: 2 } },
      { id: 'page2', op: 'list_instance', fields: { page_index: 2, page_size: 2 }, signature: 'v2' },
      { id: 'page3', op: 'list_instance', fields: { page_index: 3, page_size: 2 }, mode: 'async' },
      { id: 'viber', op: 'list_instance', fields: { channel_type: 'viber', is_bind: true } },
      { id: 'presign', op: 'generate_presigned_url', fields: { file_path: `/${key}` } },
      { id: 'create', op: 'create_instance', fields: { channel_type: 'VIBER', instance_name: 'viber_ins' } },
    ]);
    const page1 = body(first, 'page1');
    const page2 = body(first, 'page2');
    expect(page1).toMatchObject({ Code: 'OK', Success: true, TotalCount: 3 });
    expect(page2).toMatchObject({ TotalCount: 3 });
    const rows = [...(page1.Data as Array<Record<string, string>>), ...(page2.Data as Array<Record<string, string>>)];
    expect(rows.map((r) => r.CustSpaceId)).toEqual(owner.custSpaceIds);
    expect(rows.every((r) => r.State === 'pending' && r.InstanceId !== r.CustSpaceId)).toBe(true);
    expect(body(first, 'page3').Data).toEqual([]);
    expect(body(first, 'viber')).toMatchObject({ TotalCount: 0 });
    const url = (body(first, 'presign').Data as { Url: string }).Url;
    const created = body(first, 'create');
    expect(created).toMatchObject({ Success: true, Data: { ChannelType: 'VIBER', InstanceName: 'viber_ins' } });
    const createdId = (created.Data as { InstanceId: string }).InstanceId;

    const instanceId = rows[0]!.InstanceId!;
    const tampered = url.replace(/Expires=(\d+)/, (_, n: string) => `Expires=${Number(n) + 60}`);
    const second = await run([
      { id: 'get', op: 'http_get', url },
      { id: 'get-tampered', op: 'http_get', url: tampered },
      {
        id: 'update',
        op: 'update_instance',
        fields: {
          instance_id: instanceId,
          instance_name: 'Python Trading Ltd',
          instance_description: 'Order updates',
          contact_mail: 'py@example.com',
          country_id: 'DE',
          office_address: '3 Rhine Street',
          isv_terms: url,
          is_confirm_audit: 'Y',
        },
      },
      { id: 'query', op: 'query_instance', fields: { instance_id: instanceId }, mode: 'async' },
      { id: 'delete', op: 'delete_instance', fields: { instance_id: createdId }, signature: 'v2' },
      { id: 'query-deleted', op: 'query_instance', fields: { instance_id: createdId } },
    ]);
    expect(body(second, 'get')).toEqual({ status: 200, size: expect.any(Number), head: '%PDF-' });
    expect(body(second, 'get-tampered')).toMatchObject({ status: 403 });
    expect(body(second, 'update')).toMatchObject({
      Success: true,
      Data: { InstanceId: instanceId, InstanceName: 'Python Trading Ltd', Description: 'Order updates' },
    });
    expect(body(second, 'query').Data).toMatchObject({
      InstanceId: instanceId,
      InstanceName: 'Python Trading Ltd',
      InstanceDescription: 'Order updates',
      ContactMail: 'py@example.com',
      CountryId: 'DE',
      OfficeAddress: '3 Rhine Street',
      IsvTerms: url,
      CustType: '02',
    });
    expect(body(second, 'delete')).toMatchObject({ Code: 'OK', Success: true });
    expect(second.get('query-deleted')).toMatchObject({ ok: false, code: 'Unknown.ResourceOwnerId', status: 400 });
    const { rows: after } = await listAll(emu, owner, 100);
    expect(after.find((r) => r.InstanceId === instanceId)).toMatchObject({ State: 'published', CustSpaceId: space });
    expect(after.some((r) => r.InstanceId === createdId)).toBe(false);
    expect(emu.instances().find((r) => r.instanceId === instanceId)?.objectKey).toBe(key);
  });

  it('refuses another account, a missing instance, a RAM-denied caller and a foreign terms URL', async () => {
    const other = emu.accounts[3]!;
    const { rows } = await listAll(emu, other, 100);
    const theirs = rows[0]!.InstanceId!;
    const denied = emu.accounts[2]!;
    const deniedId = (await listAll(emu, denied, 100)).rows[0]!.InstanceId!;
    const outcomes = await run([
      // The two queries come from account 2, whose QueryInstance window (3/s here) the first test left empty;
      // from account 0 they could meet that test's last queries in one second and be throttled instead.
      { id: 'foreign-query', op: 'query_instance', account: 2, fields: { instance_id: theirs } },
      { id: 'foreign-update', op: 'update_instance', fields: { instance_id: theirs, instance_name: 'x' } },
      { id: 'foreign-delete', op: 'delete_instance', fields: { instance_id: theirs } },
      { id: 'missing', op: 'query_instance', account: 2, fields: { instance_id: '999999999' } },
      { id: 'ram', op: 'update_instance', account: 2, fields: { instance_id: deniedId, instance_name: 'x' } },
      { id: 'ram-list-ok', op: 'list_instance', account: 2 },
      {
        id: 'terms-url',
        op: 'create_instance',
        fields: { channel_type: 'WHATSAPP', instance_name: 'y', isv_terms: 'https://a.com/1.pdf' },
      },
      {
        id: 'foreign-path',
        op: 'generate_presigned_url',
        fields: { file_path: `/C${other.custSpaceIds[0]!}/x.pdf` },
      },
    ]);
    for (const id of ['foreign-query', 'foreign-update', 'foreign-delete', 'missing']) {
      expect(outcomes.get(id), id).toMatchObject({ ok: false, code: 'Unknown.ResourceOwnerId', status: 400 });
    }
    expect(outcomes.get('ram')).toMatchObject({ ok: false, code: 'Ram.PermissionDeny', status: 400 });
    expect(body(outcomes, 'ram-list-ok')).toMatchObject({ Success: true, TotalCount: 1 });
    expect(outcomes.get('terms-url')).toMatchObject({ ok: false, code: 'InvalidIsvTerms.NotFound' });
    expect(outcomes.get('foreign-path')).toMatchObject({ ok: false, code: 'Unknown.ResourceOwnerId' });
    expect((await listAll(emu, other, 100)).rows[0]!.InstanceId).toBe(theirs);
  });

  it('sees a withdrawn action as missing (404) and is held to a per-operation quota', async () => {
    // Account 3 has made no QueryInstance call yet, so the burst below is alone in its quota window.
    const quotaAccount = emu.accounts[3]!;
    const instanceId = (await listAll(emu, quotaAccount, 100)).rows[0]!.InstanceId!;
    emu.setWithdrawnOperations(['ListInstance']);
    try {
      const outcomes = await run([
        { id: 'withdrawn', op: 'list_instance' },
        ...Array.from({ length: 8 }, (_, i) => ({
          id: `q${i}`,
          op: 'query_instance',
          account: 3,
          fields: { instance_id: instanceId },
        })),
      ]);
      expect(outcomes.get('withdrawn')).toMatchObject({ ok: false, code: 'InvalidAction.NotFound', status: 404 });
      const queries = Array.from({ length: 8 }, (_, i) => outcomes.get(`q${i}`)!);
      const ok = queries.filter((o) => o.ok).length;
      expect(queries.every((o) => o.ok || o.code === 'System.LimitControl')).toBe(true);
      // The calls ran one after another, so the emulator's arrival stamps line up with the outcomes. QueryInstance
      // allows 3 per second here: no one-second window holds more than 3 accepted calls, and each refused call
      // arrived within a second of 3 accepted ones.
      const arrivals = emu.stats().operations.QueryInstance.arrivals[quotaAccount.accessKeyId]!;
      const accepted = arrivals.filter((_, i) => queries[i]!.ok);
      expect(accepted.length).toBe(ok);
      for (const t of accepted) expect(accepted.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(3);
      arrivals.forEach((t, i) => {
        if (!queries[i]!.ok)
          expect(accepted.filter((u) => u > t - 1000 && u < t + 1000).length).toBeGreaterThanOrEqual(3);
      });
      if (Math.max(...arrivals) - Math.min(...arrivals) < 1000) expect(ok).toBe(3);
    } finally {
      emu.setWithdrawnOperations([]);
    }
  });
});
