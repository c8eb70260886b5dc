// The *Instance generation through the official Node SDK 1.4.2's generic callApi: records for seeded spaces, the
// legacy action writing them, Create/Update/Query/List/Delete, paging, and the refusals (wrong owner, missing
// instance, RAM denial, bad or foreign IsvTerms URLs). Every body of these operations carries Success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed, startEmulator, type Emulator } from '../src/index.js';
import { callAction, camsClient, openApiClient, pdfBytes, termsRequest } from './helpers.js';
import { listAll, rpc, rpcError, uploadTerms } from './instance-helpers.js';

describe('customer records (*Instance operations)', () => {
  let emu: Emulator;
  beforeAll(async () => {
    const seed = defaultSeed();
    seed.accounts[2]!.deniedActions = ['cams:SubmitIsvCustomerTerms', 'cams:UpdateInstance'];
    emu = await startEmulator({ seed, rateLimitPerSecond: 1000 });
  });
  afterAll(async () => {
    await emu.close();
  });
  const owner = () => emu.accounts[0]!;
  const other = () => emu.accounts[3]!;

  async function instanceOf(custSpaceId: string, account = owner()): Promise<string> {
    const { rows } = await listAll(emu, account, 100);
    const row = rows.find((r) => r.CustSpaceId === custSpaceId);
    if (!row) throw new Error(`no record for ${custSpaceId}`);
    return row.InstanceId!;
  }

  it('gives every seeded space a pending record whose InstanceId is not the space ID', async () => {
    const body = await rpc(emu, owner(), 'ListInstance');
    expect(body).toMatchObject({ Code: 'OK', Message: 'OK', Success: true, TotalCount: 3 });
    const rows = body.Data as Record<string, string>[];
    expect(rows.map((r) => r.CustSpaceId)).toEqual(owner().custSpaceIds);
    for (const row of rows) {
      expect(row.InstanceId).toMatch(/^\d{9}$/);
      expect(row.InstanceId).not.toBe(row.CustSpaceId);
      expect(row).toMatchObject({ State: 'pending', ChannelType: 'WHATSAPP', ResourceRegionId: 'ap-southeast-1' });
      expect(row.IsvTerms).toBeUndefined();
    }
    // Another account sees only its own.
    const theirs = await rpc(emu, other(), 'ListInstance');
    expect((theirs.Data as Record<string, string>[]).map((r) => r.CustSpaceId)).toEqual(other().custSpaceIds);
    expect(emu.instances().filter((r) => r.accessKeyId === owner().accessKeyId)).toHaveLength(3);
  });

  it('lets SubmitIsvCustomerTerms write the space record (the assumed mapping)', async () => {
    const space = owner().custSpaceIds[0]!;
    await uploadTerms(emu, owner(), space, 'legacy.pdf');
    const submitted = await camsClient(emu, owner()).submitIsvCustomerTerms(termsRequest(space, 'legacy.pdf'));
    const instanceId = await instanceOf(space);
    const query = await rpc(emu, owner(), 'QueryInstance', { InstanceId: instanceId });
    expect(query.Success).toBe(true);
    expect(query.Data).toEqual({
      ChannelType: 'WHATSAPP',
      ContactMail: 'partner@example.com',
      CountryId: 'CN',
      CustType: '02',
      InstanceDescription: 'Marketing notifications',
      InstanceId: instanceId,
      InstanceName: 'Example Trading Ltd',
      IsvTerms: 'legacy.pdf',
      OfficeAddress: '1 Harbour Road, Hangzhou',
      ResourceRegionId: 'ap-southeast-1',
      SubmitTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    const record = emu.instances().find((r) => r.instanceId === instanceId)!;
    expect(record).toMatchObject({
      state: 'published',
      objectKey: `C${space}/legacy.pdf`,
      lastOperation: 'SubmitIsvCustomerTerms',
      lastRequestId: submitted.body!.requestId,
    });
  });

  it('updates a record by InstanceId with a presigned URL of an uploaded file', async () => {
    const space = owner().custSpaceIds[1]!;
    const key = await uploadTerms(emu, owner(), space, 'instance.pdf');
    const url = ((await rpc(emu, owner(), 'GeneratePresignedUrl', { FilePath: `/${key}` })).Data as { Url: string })
      .Url;
    const instanceId = await instanceOf(space);
    const updated = await rpc(emu, owner(), 'UpdateInstance', {
      InstanceId: instanceId,
      InstanceName: 'Updated Trading Ltd',
      InstanceDescription: 'Order updates',
      ContactMail: 'ops@example.com',
      CountryId: 'SG',
      OfficeAddress: '2 Marina Way',
      IsvTerms: url,
      IsConfirmAudit: 'Y',
    });
    expect(updated).toMatchObject({ Code: 'OK', Success: true });
    expect(updated.Data).toMatchObject({
      InstanceId: instanceId,
      InstanceName: 'Updated Trading Ltd',
      InstanceDescription: 'Order updates',
      Description: 'Order updates',
      ChannelType: 'WHATSAPP',
    });
    const { rows } = await listAll(emu, owner(), 100);
    expect(rows.find((r) => r.InstanceId === instanceId)).toMatchObject({
      CustSpaceId: space,
      State: 'published',
      IsvTerms: url,
      CountryId: 'SG',
    });
    const record = emu.instances().find((r) => r.instanceId === instanceId)!;
    expect(record.objectKey).toBe(key);
    // Inspection hides the URL's signature.
    expect(record.isvTerms).toContain('Signature=REDACTED');
    expect(JSON.stringify(emu.instances())).not.toContain(new URL(url).searchParams.get('Signature')!);
    // Fields left out keep their value.
    await rpc(emu, owner(), 'UpdateInstance', { InstanceId: instanceId, InstanceName: 'Renamed Ltd' });
    const after = (await rpc(emu, owner(), 'QueryInstance', { InstanceId: instanceId })).Data as Record<string, string>;
    expect(after).toMatchObject({ InstanceName: 'Renamed Ltd', ContactMail: 'ops@example.com', IsvTerms: url });
  });

  it('creates a direct customer whose space ID is its InstanceId, and deletes it with its space', async () => {
    const created = await rpc(emu, owner(), 'CreateInstance', {
      ChannelType: 'viber',
      InstanceName: 'viber_ins',
      InstanceDescription: 'Direct customer',
      CountryId: '1',
    });
    expect(created).toMatchObject({ Code: 'OK', Success: true });
    const data = created.Data as Record<string, string>;
    expect(data).toMatchObject({
      ChannelType: 'VIBER',
      InstanceName: 'viber_ins',
      InstanceDescription: 'Direct customer',
    });
    const instanceId = data.InstanceId!;
    const { rows } = await listAll(emu, owner(), 100);
    expect(rows.find((r) => r.InstanceId === instanceId)).toMatchObject({ CustSpaceId: instanceId, State: 'pending' });
    const query = (await rpc(emu, owner(), 'QueryInstance', { InstanceId: instanceId })).Data as Record<string, string>;
    expect(query.CustType).toBe('01');
    // Its space is the caller's: it can upload terms there and point the record at them.
    const key = await uploadTerms(emu, owner(), instanceId, 'direct.pdf');
    expect(key).toBe(`C${instanceId}/direct.pdf`);

    const deleted = await rpc(emu, owner(), 'DeleteInstance', { InstanceId: instanceId });
    expect(deleted).toMatchObject({ Code: 'OK', Success: true });
    expect(deleted.Data).toBeUndefined();
    expect((await rpcError(emu, owner(), 'QueryInstance', { InstanceId: instanceId })).code).toBe(
      'Unknown.ResourceOwnerId',
    );
    expect((await rpcError(emu, owner(), 'GetChatappUploadAuthorization', { CustSpaceId: instanceId })).code).toBe(
      'Unknown.ResourceOwnerId',
    );
    expect(emu.instances().some((r) => r.instanceId === instanceId)).toBe(false);
  });

  it('keeps an ISV space after its record is deleted; the next submission mints a new record', async () => {
    const space = owner().custSpaceIds[2]!;
    const before = await instanceOf(space);
    await rpc(emu, owner(), 'DeleteInstance', { InstanceId: before });
    const { rows } = await listAll(emu, owner(), 100);
    expect(rows.some((r) => r.CustSpaceId === space)).toBe(false);
    await uploadTerms(emu, owner(), space, 'again.pdf');
    await camsClient(emu, owner()).submitIsvCustomerTerms(termsRequest(space, 'again.pdf'));
    const after = await instanceOf(space);
    expect(after).not.toBe(before);
    expect(emu.submissions().filter((s) => s.custSpaceId === space)).toHaveLength(1);
  });

  it('pages with PageIndex and PageSize and reports TotalCount on every page', async () => {
    const fresh = await startEmulator({ rateLimitPerSecond: 1000 });
    try {
      const account = fresh.accounts[0]!;
      for (let i = 0; i < 8; i++) {
        await rpc(fresh, account, 'CreateInstance', { ChannelType: 'WHATSAPP', InstanceName: `customer-${i}` });
      }
      const { rows, totals, pages } = await listAll(fresh, account, 4);
      expect(pages).toBe(3); // 3 seeded + 8 created = 11 records, 4 per page
      expect(totals.every((t) => t === 11)).toBe(true);
      expect(new Set(rows.map((r) => r.InstanceId)).size).toBe(11);
      expect(rows.slice(3).map((r) => r.InstanceName)).toEqual(Array.from({ length: 8 }, (_, i) => `customer-${i}`));
      const defaultPage = await rpc(fresh, account, 'ListInstance');
      expect((defaultPage.Data as unknown[]).length).toBe(10);
      const filtered = await rpc(fresh, account, 'ListInstance', { InstanceName: 'customer-7' });
      expect(filtered.TotalCount).toBe(1);
      const bad = await rpcError(fresh, account, 'ListInstance', { PageSize: '101' });
      expect(bad).toMatchObject({ code: 'InvalidParameter', statusCode: 400 });
      expect(bad.message).toContain('"PageSize"');
    } finally {
      await fresh.close();
    }
  });

  it('refuses another account, a missing instance and a RAM-denied caller, with Success false', async () => {
    const theirs = await instanceOf(other().custSpaceIds[0]!, other());
    for (const action of ['QueryInstance', 'DeleteInstance']) {
      const refused = await rpcError(emu, owner(), action, { InstanceId: theirs });
      expect(refused).toMatchObject({ code: 'Unknown.ResourceOwnerId', statusCode: 400 });
    }
    const update = await rpcError(emu, owner(), 'UpdateInstance', { InstanceId: theirs, InstanceName: 'x' });
    expect(update.code).toBe('Unknown.ResourceOwnerId');
    expect(await instanceOf(other().custSpaceIds[0]!, other())).toBe(theirs);

    const missing = await rpcError(emu, owner(), 'QueryInstance', { InstanceId: '999999999' });
    expect(missing.code).toBe('Unknown.ResourceOwnerId');
    expect((await rpcError(emu, owner(), 'QueryInstance')).code).toBe('MissingParameter');

    const denied = emu.accounts[2]!;
    const deniedId = await instanceOf(denied.custSpaceIds[0]!, denied);
    const ram = await rpcError(emu, denied, 'UpdateInstance', { InstanceId: deniedId, InstanceName: 'x' });
    expect(ram).toMatchObject({ code: 'Ram.PermissionDeny', statusCode: 400 });
    // The raw body: the gateway's error shape plus Success false.
    const res = await fetch(`${emu.endpoint}/?Action=ListInstance&Version=2020-06-06`, { method: 'POST' });
    const raw = (await res.json()) as Record<string, unknown>;
    expect(raw).toMatchObject({ Code: 'MissingAccessKeyId', Success: false });
    expect(raw.RequestId).toBeTruthy();
  });

  it('refuses an IsvTerms URL that is not a URL or names no object of the account', async () => {
    const space = owner().custSpaceIds[1]!;
    const instanceId = await instanceOf(space);
    const attempt = (isvTerms: string) =>
      rpcError(emu, owner(), 'UpdateInstance', { InstanceId: instanceId, InstanceName: 'X Ltd', IsvTerms: isvTerms });
    expect((await attempt('instance.pdf')).code).toBe('InvalidParameter');
    expect((await attempt(`${emu.endpoint}/chatapp-isv-terms/C${space}/absent.pdf`)).code).toBe(
      'InvalidIsvTerms.NotFound',
    );
    expect((await attempt('https://a.com/1.pdf')).code).toBe('InvalidIsvTerms.NotFound');
    // Another account's object, even a real one, is not this account's.
    const foreignKey = await uploadTerms(emu, other(), other().custSpaceIds[0]!, 'theirs.pdf');
    expect((await attempt(`${emu.endpoint}/chatapp-isv-terms/${foreignKey}`)).code).toBe('InvalidIsvTerms.NotFound');
    // A file that is not a PDF.
    const textKey = await uploadTerms(emu, owner(), space, 'notes.pdf', Buffer.from('plain text'));
    expect((await attempt(`${emu.endpoint}/chatapp-isv-terms/${textKey}`)).code).toBe('InvalidIsvTerms.NotPdf');
    // Create is held to the same rule, and nothing is created when it refuses.
    const count = emu.instances().length;
    const create = await rpcError(emu, owner(), 'CreateInstance', {
      ChannelType: 'WHATSAPP',
      InstanceName: 'y',
      IsvTerms: 'https://a.com/1.pdf',
    });
    expect(create.code).toBe('InvalidIsvTerms.NotFound');
    expect(emu.instances()).toHaveLength(count);
    // A plain (unsigned) URL of an existing object of the account is accepted.
    const key = await uploadTerms(emu, owner(), space, 'plain.pdf', pdfBytes('plain'));
    const ok = await rpc(emu, owner(), 'UpdateInstance', {
      InstanceId: instanceId,
      InstanceName: 'X Ltd',
      IsvTerms: `${emu.endpoint}/chatapp-isv-terms/${key}`,
    });
    expect(ok.Success).toBe(true);
  });

  it('answers an injected HTTP 200 error with Success false, and serves the records over HTTP inspection', async () => {
    emu.setFaults('ListInstance', { okStatusErrorCode: 'ServiceUnavailable', count: 1 });
    const faulted = await rpc(emu, owner(), 'ListInstance');
    expect(faulted).toMatchObject({ Code: 'ServiceUnavailable', Success: false });
    expect(faulted.Data).toBeUndefined();
    expect((await rpc(emu, owner(), 'ListInstance')).Success).toBe(true);
    const res = await fetch(`${emu.endpoint}/__emulator/instances`);
    expect(res.status).toBe(200);
    const records = (await res.json()) as Array<{ instanceId: string; custSpaceId: string }>;
    expect(records).toEqual(emu.instances());
    expect(records.map((r) => r.custSpaceId)).toEqual(expect.arrayContaining(other().custSpaceIds));
  });

  it('takes the parameters from a form body or a GET query too, as the legacy actions do', async () => {
    const client = openApiClient(emu, owner());
    const form = (await callAction(client, 'ListInstance', {}, {}, { body: { PageSize: '1', PageIndex: '2' } })) as {
      body: { Data: Array<{ CustSpaceId: string }>; TotalCount: number };
    };
    expect(form.body.TotalCount).toBeGreaterThanOrEqual(2);
    expect(form.body.Data).toHaveLength(1);
    const all = (await rpc(emu, owner(), 'ListInstance', { PageSize: '100' })).Data as Array<{ CustSpaceId: string }>;
    expect(form.body.Data[0]!.CustSpaceId).toBe(all[1]!.CustSpaceId);
    const viaGet = (await callAction(client, 'ListInstance', { PageSize: '1' }, {}, { method: 'GET' })) as {
      body: { Data: unknown[]; Success: boolean };
    };
    expect(viaGet.body).toMatchObject({ Success: true });
    expect(viaGet.body.Data).toHaveLength(1);
  });
});
