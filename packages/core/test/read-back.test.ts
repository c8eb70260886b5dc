// Read-back against the emulator's *Instance operations: each new call, paging over more than one page, the cached
// space → instance mapping, not found, and a refused ListInstance.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChatAppError, CustomerTermsNotFoundError, ValidationError, type IsvTermsEvent } from '../src/index.js';
import { clientFor } from './helpers/emulator.js';
import { samplePdf } from './helpers/fixtures.js';
import { readBackSuite } from './helpers/seed.js';

const suite = readBackSuite(24);
const { owner, recordOf } = suite;

describe('readCustomerTerms', () => {
  it('finds a space on a later page, maps the row, and serves the next read from the cached mapping', async () => {
    const account = owner();
    const last = account.custSpaceIds.at(-1) ?? '';
    const events: IsvTermsEvent[] = [];
    const client = clientFor(suite.emu, account, { instancePageSize: 5, onEvent: (event) => events.push(event) });
    const listCalls = () => suite.emu.stats().operations.ListInstance.succeeded;
    const before = listCalls();

    const record = await client.readCustomerTerms({ custSpaceId: last });

    const expected = recordOf(last);
    expect(record).toMatchObject({
      custSpaceId: last,
      instanceId: expected.instanceId,
      state: expected.state,
      channelType: expected.channelType,
    });
    expect(record.instanceId).not.toBe(last);
    // 24 records at 5 a page: the space is on page 5, and every page up to the end was read.
    expect(listCalls() - before).toBe(5);
    expect(events.filter((event) => event.type === 'read')).toEqual([
      { type: 'read', custSpaceId: last, instanceId: expected.instanceId, pages: 5 },
    ]);

    // The scan remembered every space it saw: the next read of any of them costs one filtered call.
    const first = account.custSpaceIds[0] ?? '';
    const again = await client.readCustomerTerms({ custSpaceId: first });
    expect(again.instanceId).toBe(recordOf(first).instanceId);
    expect(listCalls() - before).toBe(6);
  });

  it('concurrent reads of many spaces share one scan', async () => {
    const account = owner();
    const client = clientFor(suite.emu, account, { instancePageSize: 10 });
    const before = suite.emu.stats().operations.ListInstance.succeeded;
    const records = await Promise.all(
      account.custSpaceIds.map((custSpaceId) => client.readCustomerTerms({ custSpaceId })),
    );
    expect(records.map((record) => record.custSpaceId)).toEqual(account.custSpaceIds);
    expect(records.map((record) => record.instanceId)).toEqual(
      account.custSpaceIds.map((space) => recordOf(space).instanceId),
    );
    // One scan of 3 pages serves all 24 (none needs a page of its own).
    expect(suite.emu.stats().operations.ListInstance.succeeded - before).toBe(3);
  });

  it('a space the account does not own, or that does not exist, is CustomerTermsNotFoundError', async () => {
    const client = clientFor(suite.emu, owner(), { instancePageSize: 10 });
    for (const custSpaceId of [owner(1).custSpaceIds[0] ?? '', '999999999']) {
      const error = await client.readCustomerTerms({ custSpaceId }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CustomerTermsNotFoundError);
      expect(error).toMatchObject({ code: 'CustomerTerms.NotFound', custSpaceId, pages: 3 });
      expect((error as CustomerTermsNotFoundError).requestId).toBeTruthy();
    }
  });

  it('an account denied ListInstance gets the service refusal, with its code and RequestId', async () => {
    const account = owner(1);
    const client = clientFor(suite.emu, account);
    const error = await client
      .readCustomerTerms({ custSpaceId: account.custSpaceIds[0] ?? '' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatAppError);
    expect(error).toMatchObject({ code: 'Ram.PermissionDeny', operation: 'ListInstance' });
    expect((error as ChatAppError).requestId).toBeTruthy();
  });

  it('validates before any request', async () => {
    const before = suite.emu.stats().requests;
    const error = await clientFor(suite.emu, owner())
      .readCustomerTerms({ custSpaceId: '../x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect(suite.emu.stats().requests).toBe(before);
  });
});

describe('the *Instance calls one by one', () => {
  it('listInstances pages with TotalCount; queryInstance returns the same record', async () => {
    const account = owner();
    const client = clientFor(suite.emu, account);
    const page = await client.listInstances({ pageIndex: 2, pageSize: 10 });
    expect(page.totalCount).toBe(account.custSpaceIds.length);
    expect(page.records.map((record) => record.custSpaceId)).toEqual(account.custSpaceIds.slice(10, 20));
    const one = page.records[0];
    const queried = await client.queryInstance({ instanceId: one?.instanceId ?? '' });
    expect(queried).toMatchObject({ instanceId: one?.instanceId, channelType: one?.channelType });
  });

  it('queryInstance of an unknown InstanceId is the service refusal', async () => {
    const error = await clientFor(suite.emu, owner())
      .queryInstance({ instanceId: '12345678' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatAppError);
    expect((error as ChatAppError).operation).toBe('QueryInstance');
    expect((error as ChatAppError).requestId).toBeTruthy();
  });

  it('generatePresignedUrl returns a URL that serves the uploaded bytes', async () => {
    const account = owner();
    const space = account.custSpaceIds[3] ?? '';
    const client = clientFor(suite.emu, account);
    const pdf = samplePdf('presigned');
    const upload = await client.uploadTermsFile({ custSpaceId: space, file: pdf, fileName: 'presigned.pdf' });
    const { url, requestId } = await client.generatePresignedUrl({ filePath: upload.objectKey });
    expect(requestId).toBeTruthy();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(upload.sha256);
  });

  it("generatePresignedUrl for another account's folder is refused", async () => {
    const error = await clientFor(suite.emu, owner())
      .generatePresignedUrl({ filePath: `C${owner(1).custSpaceIds[0] ?? ''}/x.pdf` })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatAppError);
    expect((error as ChatAppError).operation).toBe('GeneratePresignedUrl');
  });
});
