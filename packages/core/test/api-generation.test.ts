// The two API generations against the emulator: `instance` writes through GeneratePresignedUrl + UpdateInstance,
// `legacy` keeps SubmitIsvCustomerTerms (and fails plainly where it is withdrawn), and `auto` switches once when the
// legacy action answers InvalidAction.NotFound — 20 customers onboarded, no failure, no quota rejection, and every
// record read back as sent.
import * as OpenApiModule from '@alicloud/openapi-client';
import * as TeaUtilModule from '@alicloud/tea-util';
import { describe, expect, it } from 'vitest';
import { ChatAppError, createQuotaLimiter, CustomerTermsNotFoundError, type IsvTermsEvent } from '../src/index.js';
import { commonJsExports } from '../src/interop.js';
import { clientFor, recordingLogger } from './helpers/emulator.js';
import { samplePdf } from './helpers/fixtures.js';
import { readBackSuite } from './helpers/seed.js';

const suite = readBackSuite(24);
const { owner, recordOf } = suite;

// Every client of this file shares one limiter, as clients of one process share the default windows. The emulator
// runs in this process and stamps arrivals when its event loop gets to them, so a stall of this (shared, busy)
// machine can bunch arrivals by more than the default 100 ms margin (as in quota.test.ts); a wider margin keeps
// the suite about the API generations, not about the machine's scheduling.
const quota = createQuotaLimiter({ safetyMarginMs: 400 });

function clientOf(account: Parameters<typeof clientFor>[1], options: Parameters<typeof clientFor>[2] = {}) {
  return clientFor(suite.emu, account, { quota, ...options });
}

function customer(custSpaceId: string, index: number) {
  return {
    custSpaceId,
    custName: `Customer ${index} Pte Ltd`,
    officeAddress: `${index} Example Road, Singapore`,
    contactMail: `legal+${index}@customer.example`,
    countryId: 'sg',
    businessDesc: `Order updates for customer ${index}`,
    termsFile: samplePdf(`customer ${index}`),
    fileName: `customer-${index}.pdf`,
  };
}

describe("apiGeneration: 'instance'", () => {
  it('uploads, presigns the object key and updates the space record; no legacy call is made', async () => {
    const account = owner();
    const space = account.custSpaceIds[0] ?? '';
    const client = clientOf(account, { apiGeneration: 'instance' });
    const legacyBefore = suite.emu.stats().operations.SubmitIsvCustomerTerms.requests;

    const result = await client.submitCustomerTerms(customer(space, 1));

    expect(result.generation).toBe('instance');
    const record = recordOf(space);
    expect(result.submit).toMatchObject({ generation: 'instance', instanceId: record.instanceId, code: 'OK' });
    expect(result.submit.requestId).toBe(record.lastRequestId);
    // The result names the URL without its signature.
    expect(result.submit.isvTerms).not.toMatch(/[?]|Signature/i);
    expect(result.submit.isvTerms.endsWith(`/${result.upload.objectKey}`)).toBe(true);
    expect(record).toMatchObject({
      instanceName: 'Customer 1 Pte Ltd',
      instanceDescription: 'Order updates for customer 1',
      officeAddress: '1 Example Road, Singapore',
      contactMail: 'legal+1@customer.example',
      countryId: 'SG',
      objectKey: result.upload.objectKey,
      state: 'published',
      lastOperation: 'UpdateInstance',
    });
    expect(suite.emu.stats().operations.SubmitIsvCustomerTerms.requests).toBe(legacyBefore);
  });

  it('submitIsvCustomerTerms of an uploaded file goes the same way, finding Dir from the authorization', async () => {
    const account = owner();
    const space = account.custSpaceIds[1] ?? '';
    const client = clientOf(account, { apiGeneration: 'instance' });
    const upload = await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'two-step.pdf' });
    const { termsFile: _file, fileName: _name, ...company } = customer(space, 2);
    void _file;
    void _name;
    const submit = await client.submitIsvCustomerTerms({ ...company, isvTerms: upload.isvTerms });
    expect(submit.generation).toBe('instance');
    expect(recordOf(space).objectKey).toBe(upload.objectKey);
  });

  it('a space with no record fails with CustomerTermsNotFoundError before anything is written', async () => {
    const client = clientOf(owner(), { apiGeneration: 'instance' });
    const before = suite.emu.stats().operations.UpdateInstance.requests;
    const error = await client
      .submitIsvCustomerTerms({ ...customer('777777777', 3), isvTerms: 'x.pdf' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CustomerTermsNotFoundError);
    expect(error).toMatchObject({ custSpaceId: '777777777' });
    expect(suite.emu.stats().operations.UpdateInstance.requests).toBe(before);
  });

  it('an account denied UpdateInstance gets the service refusal', async () => {
    const account = owner(2);
    const client = clientOf(account, { apiGeneration: 'instance' });
    const error = await client
      .submitCustomerTerms(customer(account.custSpaceIds[0] ?? '', 4))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatAppError);
    expect(error).toMatchObject({ code: 'Ram.PermissionDeny', operation: 'UpdateInstance' });
  });
});

describe("apiGeneration: 'legacy'", () => {
  it('where SubmitIsvCustomerTerms is withdrawn, fails with InvalidAction.NotFound and does not switch', async () => {
    suite.emu.setWithdrawnOperations(['SubmitIsvCustomerTerms']);
    const account = owner();
    const client = clientOf(account, { apiGeneration: 'legacy' });
    const error = await client
      .submitCustomerTerms(customer(account.custSpaceIds[2] ?? '', 5))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatAppError);
    expect(error).toMatchObject({ code: 'InvalidAction.NotFound', httpStatus: 404 });
  });
});

describe("apiGeneration: 'auto'", () => {
  it('with the legacy action withdrawn, onboards 20 customers: 0 failures, 0 quota rejections, one switch', async () => {
    suite.emu.setWithdrawnOperations(['SubmitIsvCustomerTerms']);
    const account = owner();
    const batch = account.custSpaceIds.slice(4, 24).map((space, index) => customer(space, 100 + index));
    expect(batch).toHaveLength(20);
    const events: IsvTermsEvent[] = [];
    const logger = recordingLogger();
    const client = clientOf(account, { logger, onEvent: (event) => events.push(event) });
    const limited = () => suite.emu.stats().errors['System.LimitControl'] ?? 0;
    const limitedBefore = limited();
    // A withdrawn action never reaches an operation: the emulator counts it as InvalidAction.NotFound.
    const legacyCalls = () =>
      suite.emu.stats().operations.SubmitIsvCustomerTerms.requests +
      (suite.emu.stats().errors['InvalidAction.NotFound'] ?? 0);
    const legacyBefore = legacyCalls();

    const outcomes = await Promise.allSettled(batch.map((input) => client.submitCustomerTerms(input)));

    const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(failures).toEqual([]);
    const results = outcomes.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : undefined));
    expect(results.map((result) => result?.generation)).toEqual(batch.map(() => 'instance'));
    expect(limited() - limitedBefore).toBe(0);
    // The first legacy write was the probe; the others waited for it instead of each spending a call on a 404.
    expect(legacyCalls() - legacyBefore).toBe(1);
    expect(events.filter((event) => event.type === 'generation-switched')).toHaveLength(1);
    expect(logger.lines.filter((line) => line.fields?.['event'] === 'generation-switched')).toHaveLength(1);

    // Every record reads back as sent (a fresh client: nothing cached).
    const reader = clientOf(account);
    for (const [index, input] of batch.entries()) {
      const record = await reader.readCustomerTerms({ custSpaceId: input.custSpaceId });
      expect(record).toMatchObject({
        custSpaceId: input.custSpaceId,
        custName: input.custName,
        officeAddress: input.officeAddress,
        contactMail: input.contactMail,
        countryId: 'SG',
        businessDesc: input.businessDesc,
        termsFileName: input.fileName,
        state: 'published',
      });
      expect(record.isvTerms?.endsWith(`/${results[index]?.upload.objectKey ?? '?'}`)).toBe(true);
    }

    // Once switched, the client stays on the instance path even after the action comes back.
    suite.emu.setWithdrawnOperations([]);
    const later = await client.submitCustomerTerms(customer(account.custSpaceIds[4] ?? '', 200));
    expect(later.generation).toBe('instance');
    expect(legacyCalls() - legacyBefore).toBe(1);
  });

  it('where the legacy action works, auto stays legacy and the record shows the legacy write', async () => {
    const account = owner();
    const space = account.custSpaceIds[3] ?? '';
    const client = clientOf(account);
    const result = await client.submitCustomerTerms(customer(space, 6));
    expect(result.generation).toBe('legacy');
    const record = await client.readCustomerTerms({ custSpaceId: space });
    expect(record).toMatchObject({ custName: 'Customer 6 Pte Ltd', isvTerms: 'customer-6.pdf', state: 'published' });
  });
});

/** DeleteInstance through the vendor's generic RPC client (core itself never deletes a record). */
async function deleteInstance(account: { accessKeyId: string; accessKeySecret: string }, instanceId: string) {
  const OpenApi = commonJsExports(OpenApiModule);
  const TeaUtil = commonJsExports(TeaUtilModule);
  const client = new OpenApi.default(
    new OpenApi.Config({
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      endpoint: new URL(suite.emu.endpoint).host,
      protocol: 'http',
      regionId: 'ap-southeast-1',
    }),
  );
  const params = new OpenApi.Params({
    action: 'DeleteInstance',
    version: '2020-06-06',
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new OpenApi.OpenApiRequest({ query: { InstanceId: instanceId } });
  await client.callApi(params, request, new TeaUtil.RuntimeOptions({}));
}

describe('a stale space → instance mapping', () => {
  it('an instance write refused as unknown looks the space up again and writes to its new record', async () => {
    const account = owner();
    const space = account.custSpaceIds[2] ?? '';
    const writer = clientOf(account, { apiGeneration: 'instance' });
    const first = await writer.submitCustomerTerms(customer(space, 7));
    const stale = first.submit.instanceId ?? '';
    expect(stale).toBe(recordOf(space).instanceId);

    // Out of band: the record is deleted, and a legacy submission gives the space a new one.
    await deleteInstance(account, stale);
    await clientOf(account, { apiGeneration: 'legacy' }).submitCustomerTerms(customer(space, 8));
    const fresh = recordOf(space).instanceId;
    expect(fresh).not.toBe(stale);

    const updatesBefore = suite.emu.stats().operations.UpdateInstance;
    const again = await writer.submitCustomerTerms(customer(space, 9));
    expect(again.submit.instanceId).toBe(fresh);
    expect(recordOf(space)).toMatchObject({ instanceId: fresh, instanceName: 'Customer 9 Pte Ltd' });
    const updatesAfter = suite.emu.stats().operations.UpdateInstance;
    // One refused (the stale InstanceId), one accepted: never more.
    expect(updatesAfter.requests - updatesBefore.requests).toBe(2);
    expect(updatesAfter.succeeded - updatesBefore.succeeded).toBe(1);
  });
});
