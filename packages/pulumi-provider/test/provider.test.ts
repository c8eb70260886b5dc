// The provider's methods called directly, in-process, against the emulator over HTTP through the real core client:
// per-property check failures, diff decisions, create, update (with and without a new upload), read and delete.
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer } from '../../quota-redis/test/helpers/redis-server.js';
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  companyDetails,
  configOf,
  createTestProject,
  loadProviderPackage,
  pdfBytes,
  spaceIds,
  startTestEmulator,
  writeRequests,
  type TestProject,
} from './helpers.js';

const { createIsvCustomerTermsProvider } = loadProviderPackage();
const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
const FILE_ASSET_SIG = { '4dabf18193072939515e22adb298388d': 'c44067f5952c0a294b673a41bacd8c17' };

let emu: Emulator;
let project: TestProject;
const spaces = spaceIds(6, 'direct');

function newProvider(warnings: string[] = []) {
  return createIsvCustomerTermsProvider({
    cwd: project.dir,
    clientOptions: {
      endpoint: emu.endpoint,
      credentials: { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET },
    },
    warn: (message) => warnings.push(message),
    now: () => new Date('2026-11-30T12:00:00.000Z'),
  });
}

function requests(): number {
  return emu.stats().requests;
}

beforeAll(async () => {
  emu = await startTestEmulator(spaces);
  project = await createTestProject();
  await project.writePdf('terms/a.pdf', 'Agreement A version 1');
  await project.writePdf('terms/b.pdf', 'Agreement B version 1');
  await writeFile(join(project.dir, 'terms', 'not-a-pdf.pdf'), 'just text');
  await writeFile(join(project.dir, 'terms', 'with space.pdf'), pdfBytes('named badly'));
});

afterAll(async () => {
  await emu?.close();
  await project?.remove();
});

describe('check', () => {
  it('normalizes valid inputs and derives the upload name, size and SHA-256 of the file, without any call', async () => {
    const before = requests();
    const result = await newProvider().check(
      {} as never,
      { ...companyDetails(spaces[0]!), countryId: ' sg ', termsFile: 'terms/a.pdf' } as never,
    );
    expect(result.failures).toEqual([]);
    const bytes = await readFile(join(project.dir, 'terms', 'a.pdf'));
    expect(result.inputs).toMatchObject({ countryId: 'SG', isvTerms: 'a.pdf', termsSize: bytes.length });
    expect(result.inputs?.termsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(requests()).toBe(before);
  });

  it('reports every bad property as its own failure instead of throwing', async () => {
    const result = await newProvider().check(
      {} as never,
      {
        custSpaceId: 'bad space id',
        custName: '',
        officeAddress: 'Somewhere 1',
        contactMail: 'not-an-email',
        countryId: 'XX',
        businessDesc: 'Support',
        termsFile: 'terms/missing.pdf',
      } as never,
    );
    const byProperty = Object.fromEntries((result.failures ?? []).map((failure) => [failure.property, failure.reason]));
    expect(Object.keys(byProperty).sort()).toEqual([
      'contactMail',
      'countryId',
      'custName',
      'custSpaceId',
      'termsFile',
    ]);
    expect(byProperty['contactMail']).toMatch(/e-mail/);
    expect(byProperty['countryId']).toMatch(/ISO 3166/);
    expect(byProperty['termsFile']).toMatch(/no such file/);
  });

  it('rejects a file that is not a PDF, a bad file name and a missing termsFile, each on the right property', async () => {
    const provider = newProvider();
    const details = companyDetails(spaces[0]!);
    const notPdf = await provider.check({} as never, { ...details, termsFile: 'terms/not-a-pdf.pdf' } as never);
    expect(notPdf.failures).toEqual([{ property: 'termsFile', reason: expect.stringMatching(/must be a PDF/) }]);
    const badDerivedName = await provider.check(
      {} as never,
      { ...details, termsFile: 'terms/with space.pdf' } as never,
    );
    expect(badDerivedName.failures).toEqual([{ property: 'termsFile', reason: expect.stringMatching(/set fileName/) }]);
    const badFileName = await provider.check(
      {} as never,
      { ...details, termsFile: 'terms/a.pdf', fileName: 'a/b.pdf' } as never,
    );
    expect(badFileName.failures).toEqual([{ property: 'fileName', reason: expect.stringMatching(/path separators/) }]);
    const missing = await provider.check({} as never, { ...details } as never);
    expect(missing.failures).toEqual([{ property: 'termsFile', reason: expect.stringMatching(/is required/) }]);
  });

  it('accepts a FileAsset as the engine serializes it, and a fileName override', async () => {
    const result = await newProvider().check(
      {} as never,
      {
        ...companyDetails(spaces[0]!),
        termsFile: { ...FILE_ASSET_SIG, path: 'terms/b.pdf', hash: 'engine-hash' },
        fileName: 'b-terms-2026.pdf',
      } as never,
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ isvTerms: 'b-terms-2026.pdf' });
  });

  it('skips values that are unknown during preview and marks the file facts unknown', async () => {
    const result = await newProvider().check(
      {} as never,
      { ...companyDetails(spaces[0]!), custName: UNKNOWN, termsFile: UNKNOWN } as never,
    );
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ custName: UNKNOWN, termsSha256: UNKNOWN, isvTerms: UNKNOWN });
  });
});

describe('diff', () => {
  const olds = {
    ...companyDetails('s-1'),
    termsFile: 'terms/a.pdf',
    isvTerms: 'a.pdf',
    termsSha256: 'aa',
    termsSize: 10,
    __provider: 'old code',
  };

  it('ignores the serialized provider and the raw path: same content under the same name is no change', async () => {
    const result = await newProvider().diff(
      's-1',
      olds as never,
      { ...olds, termsFile: './terms/../terms/a.pdf', __provider: 'new code' } as never,
    );
    expect(result).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it('updates in place for company details and file content, replaces for a new space ID', async () => {
    const provider = newProvider();
    expect(
      await provider.diff('s-1', olds as never, { ...olds, contactMail: 'new@example.com' } as never),
    ).toMatchObject({ changes: true, replaces: [] });
    expect(await provider.diff('s-1', olds as never, { ...olds, termsSha256: 'bb' } as never)).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await provider.diff('s-1', olds as never, { ...olds, isvTerms: 'renamed.pdf' } as never)).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(await provider.diff('s-1', olds as never, { ...olds, custSpaceId: 's-2' } as never)).toMatchObject({
      changes: true,
      replaces: ['custSpaceId'],
    });
    expect(await provider.diff('s-1', olds as never, { ...olds, termsSha256: UNKNOWN } as never)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
});

describe('create, update, read, delete against the emulator', () => {
  it('create uploads and submits once; update re-uploads only when the file changed; read writes nothing; delete makes no call', async () => {
    const warnings: string[] = [];
    const provider = newProvider(warnings);
    const space = spaces[1]!;
    const checked = await provider.check({} as never, { ...companyDetails(space), termsFile: 'terms/a.pdf' } as never);
    const created = await provider.create(checked.inputs as never);

    expect(created.id).toBe(space);
    expect(created.outs).toMatchObject({
      custSpaceId: space,
      isvTerms: 'a.pdf',
      objectKey: expect.stringMatching(/\/a\.pdf$/),
      termsSha256: checked.inputs?.termsSha256,
      termsSize: checked.inputs?.termsSize,
      requestId: expect.any(String),
      submittedAt: '2026-11-30T12:00:00.000Z',
    });
    expect(JSON.stringify(created.outs)).not.toContain(TEST_ACCESS_KEY_SECRET);
    const submissions = emu.submissions().filter((s) => s.custSpaceId === space);
    expect(submissions).toHaveLength(1);
    expect(submissions[0]).toMatchObject({ isvTerms: 'a.pdf', requestId: created.outs?.requestId, version: 1 });
    expect(emu.objects().find((o) => o.key === created.outs?.objectKey)?.sha256).toBe(checked.inputs?.termsSha256);

    // Details only: a new submission, no new upload.
    const puts = () => emu.stats().operations.PutObject.requests;
    const putsBefore = puts();
    const renamed = await provider.check(
      created.outs as never,
      { ...companyDetails(space, 'Renamed Trading Pte. Ltd.'), termsFile: 'terms/a.pdf' } as never,
    );
    const updated = await provider.update(space, created.outs as never, renamed.inputs as never);
    expect(puts()).toBe(putsBefore);
    expect(updated.outs).toMatchObject({ custName: 'Renamed Trading Pte. Ltd.', objectKey: created.outs?.objectKey });
    expect(updated.outs?.requestId).not.toBe(created.outs?.requestId);
    expect(
      emu
        .submissions()
        .filter((s) => s.custSpaceId === space)
        .map((s) => s.version),
    ).toEqual([1, 2]);

    // A new PDF: uploaded again, then submitted.
    await project.writePdf('terms/a.pdf', 'Agreement A version 2');
    const edited = await provider.check(
      updated.outs as never,
      { ...companyDetails(space, 'Renamed Trading Pte. Ltd.'), termsFile: 'terms/a.pdf' } as never,
    );
    expect(await provider.diff(space, updated.outs as never, edited.inputs as never)).toMatchObject({
      changes: true,
      replaces: [],
    });
    const reuploaded = await provider.update(space, updated.outs as never, edited.inputs as never);
    expect(puts()).toBe(putsBefore + 1);
    expect(reuploaded.outs?.termsSha256).toBe(edited.inputs?.termsSha256);
    expect(reuploaded.outs?.termsSha256).not.toBe(created.outs?.termsSha256);

    // read: the record matches what was submitted, so the state comes back as it was; no write. delete: no call.
    const writesBefore = writeRequests(emu);
    const read = await provider.read(space, { ...reuploaded.outs, __provider: 'code' } as never);
    expect(read).toEqual({ id: space, props: reuploaded.outs });
    expect(writeRequests(emu)).toBe(writesBefore);
    const before = requests();
    await provider.delete(space, reuploaded.outs as never);
    expect(requests()).toBe(before);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/no operation to withdraw.*stay on record/);
    expect(warnings[0]).toContain(reuploaded.outs?.requestId);
  });

  it('import of a space with no record fails and says why', async () => {
    await expect(newProvider().read('s-unknown', undefined)).rejects.toThrow(
      /IsvCustomerTerms s-unknown: cannot import: no record of this space is on file/,
    );
  });

  it('create fails with the service error (code and RequestId) when the space belongs to nobody', async () => {
    const provider = newProvider();
    const checked = await provider.check(
      {} as never,
      { ...companyDetails('space-of-someone-else'), termsFile: 'terms/b.pdf' } as never,
    );
    const error = await provider.create(checked.inputs as never).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string; requestId?: string },
    );
    expect(error?.code).toBe('Unknown.ResourceOwnerId');
    expect(error?.message).toMatch(/RequestId/);
    expect(error?.message).not.toContain(TEST_ACCESS_KEY_SECRET);
  });
});

describe('configure', () => {
  it('takes keys, STS token and endpoint from stack config, which override the defaults', async () => {
    const sts = emu.issueStsCredentials(TEST_ACCESS_KEY_ID);
    const provider = createIsvCustomerTermsProvider({ cwd: project.dir });
    await provider.configure({
      config: configOf({
        'alicloud:accessKey': sts.accessKeyId,
        'alicloud:secretKey': sts.accessKeySecret,
        'alicloud:securityToken': sts.securityToken,
        'chatapp-isv:endpoint': emu.endpoint,
      }),
    });
    const space = spaces[2]!;
    const checked = await provider.check({} as never, { ...companyDetails(space), termsFile: 'terms/b.pdf' } as never);
    const created = await provider.create(checked.inputs as never);
    expect(emu.submissions().find((s) => s.requestId === created.outs?.requestId)).toMatchObject({
      custSpaceId: space,
      accessKeyId: TEST_ACCESS_KEY_ID,
    });
    const text = JSON.stringify(created);
    expect(text).not.toContain(sts.accessKeySecret);
    expect(text).not.toContain(sts.securityToken);
  });

  it('chatapp-isv:quotaRedisUrl takes the quota slots from Redis, shared with other processes', async () => {
    const redis = await startRedisServer();
    try {
      const provider = createIsvCustomerTermsProvider({ cwd: project.dir });
      await provider.configure({
        config: configOf({
          'alicloud:accessKey': TEST_ACCESS_KEY_ID,
          'alicloud:secretKey': TEST_ACCESS_KEY_SECRET,
          'chatapp-isv:endpoint': emu.endpoint,
          'chatapp-isv:quotaRedisUrl': redis.url,
        }),
      });
      const space = spaces[4]!;
      const checked = await provider.check(
        {} as never,
        { ...companyDetails(space), termsFile: 'terms/b.pdf' } as never,
      );
      const created = await provider.create(checked.inputs as never);
      expect(emu.submissions().some((s) => s.requestId === created.outs?.requestId)).toBe(true);
      const keys = execFileSync('redis-cli', ['-s', redis.socketPath, '--raw', 'KEYS', '*:grants'], {
        encoding: 'utf8',
      });
      expect(keys).toContain(`chatapp-isv:quota:{${TEST_ACCESS_KEY_ID}#SubmitIsvCustomerTerms}:grants`);
      expect(JSON.stringify(created)).not.toContain(redis.url);
    } finally {
      await redis.dispose();
    }
  });

  it('a half-set key pair fails create with the missing key named, and still lets check and delete work', async () => {
    const warnings: string[] = [];
    const provider = createIsvCustomerTermsProvider({ cwd: project.dir, warn: (m) => warnings.push(m) });
    await provider.configure({
      config: configOf({ 'alicloud:secretKey': TEST_ACCESS_KEY_SECRET, 'chatapp-isv:endpoint': emu.endpoint }),
    });
    const checked = await provider.check(
      {} as never,
      { ...companyDetails(spaces[3]!), termsFile: 'terms/b.pdf' } as never,
    );
    expect(checked.failures).toEqual([]);
    const before = requests();
    const error = await provider.create(checked.inputs as never).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/alicloud:accessKey/);
    expect(error?.message).not.toContain(TEST_ACCESS_KEY_SECRET);
    expect(requests()).toBe(before);
    await provider.delete(spaces[3]!, { ...checked.inputs } as never);
    expect(warnings).toHaveLength(1);
  });
});
