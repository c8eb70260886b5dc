// `read` with core's read-back, called directly against the emulator: an out-of-band UpdateInstance shows as drift
// and an update restores the declared terms; a record that cannot be read (none on file, ListInstance denied) keeps
// the state with a warning; import adopts a record; and with SubmitIsvCustomerTerms withdrawn, create still succeeds
// through the instance path.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  companyDetails,
  createTestProject,
  loadProviderPackage,
  outOfBandClient,
  spaceIds,
  writeRequests,
  type TestProject,
} from './helpers.js';

const { createIsvCustomerTermsProvider } = loadProviderPackage();
const spaces = spaceIds(4, 'readback');
const DENIED_KEY_ID = 'test-access-key-id-no-list';
const DENIED_KEY_SECRET = 'test-secret-value-of-the-account-without-list-0123';

let emu: Emulator;
let project: TestProject;

function newProvider(
  warnings: string[] = [],
  accessKeyId = TEST_ACCESS_KEY_ID,
  accessKeySecret = TEST_ACCESS_KEY_SECRET,
) {
  return createIsvCustomerTermsProvider({
    cwd: project.dir,
    clientOptions: { endpoint: emu.endpoint, credentials: { accessKeyId, accessKeySecret } },
    warn: (message) => warnings.push(message),
  });
}

/** check + create for `space` with terms/<file>; returns the checked inputs and the outputs. */
async function created(space: string, file = 'terms/a.pdf') {
  const provider = newProvider();
  const checked = await provider.check({} as never, { ...companyDetails(space), termsFile: file } as never);
  const { outs } = await provider.create(checked.inputs as never);
  return {
    inputs: checked.inputs as unknown as Record<string, unknown>,
    outs: outs as unknown as Record<string, unknown>,
  };
}

beforeAll(async () => {
  emu = await startEmulator({
    host: '127.0.0.1',
    seed: {
      accounts: [
        {
          accessKeyId: TEST_ACCESS_KEY_ID,
          accessKeySecret: TEST_ACCESS_KEY_SECRET,
          subscribed: true,
          deniedActions: [],
          custSpaceIds: spaces,
        },
        {
          accessKeyId: DENIED_KEY_ID,
          accessKeySecret: DENIED_KEY_SECRET,
          subscribed: true,
          deniedActions: ['cams:ListInstance'],
          custSpaceIds: ['readback-denied'],
        },
      ],
    },
  });
  project = await createTestProject('isv-terms-readback-');
  await project.writePdf('terms/a.pdf', 'Read-back agreement A');
  await project.writePdf('terms/other.pdf', 'An agreement sent out of band');
});

afterAll(async () => {
  await emu?.close();
  await project?.remove();
});

it('an out-of-band UpdateInstance shows in read as drift; update restores the declared terms', async () => {
  const space = spaces[0]!;
  const { inputs, outs } = await created(space);
  const declared = companyDetails(space);

  // Someone changes the record outside Pulumi, through the *Instance API, with another file.
  const updates = emu.stats().operations.UpdateInstance.succeeded;
  await outOfBandClient(emu, 'instance').submitCustomerTerms({
    ...declared,
    custName: 'Changed Out Of Band Ltd.',
    termsFile: `${project.dir}/terms/other.pdf`,
  });
  expect(emu.stats().operations.UpdateInstance.succeeded).toBe(updates + 1);

  const warnings: string[] = [];
  const provider = newProvider(warnings);
  const writes = writeRequests(emu);
  const read = await provider.read(space, outs as never);
  expect(writeRequests(emu)).toBe(writes);
  expect(warnings).toEqual([]);
  expect(read.props).toMatchObject({ custName: 'Changed Out Of Band Ltd.', isvTerms: 'other.pdf', termsSha256: '' });
  expect(read.props).toMatchObject({ officeAddress: declared.officeAddress, requestId: outs['requestId'] });

  const diff = await provider.diff(space, read.props as never, inputs as never);
  expect(diff.changes).toBe(true);
  const restored = await provider.update(space, read.props as never, inputs as never);
  expect(restored.outs).toMatchObject({ custName: declared.custName, isvTerms: 'a.pdf' });
  const again = await provider.read(space, restored.outs as never);
  expect(again.props).toEqual(restored.outs);
  expect(await provider.diff(space, again.props as never, inputs as never)).toMatchObject({ changes: false });
});

it('keeps the recorded state and warns when the record cannot be read: none on file, or ListInstance denied', async () => {
  const warnings: string[] = [];
  const recorded = { ...companyDetails('readback-nowhere'), isvTerms: 'a.pdf', requestId: 'REQ-1', termsSha256: 'f' };
  const read = await newProvider(warnings).read('readback-nowhere', recorded as never);
  expect(read).toEqual({ id: 'readback-nowhere', props: recorded });
  expect(warnings).toEqual([
    expect.stringMatching(
      /^IsvCustomerTerms readback-nowhere: cannot read the record back \(no record of this space is on file\); keeping the recorded state unchanged$/,
    ),
  ]);

  const denied: string[] = [];
  const deniedState = { ...recorded, custSpaceId: 'readback-denied' };
  const deniedRead = await newProvider(denied, DENIED_KEY_ID, DENIED_KEY_SECRET).read(
    'readback-denied',
    deniedState as never,
  );
  expect(deniedRead.props).toEqual(deniedState);
  expect(denied).toHaveLength(1);
  expect(denied[0]).toMatch(/readback-denied: cannot read the record back \(.*Ram\.PermissionDeny.*\); keeping/s);
  expect(denied[0]).not.toContain(DENIED_KEY_SECRET);
});

it('import adopts the record on file: its company fields become inputs and state, with a warning about termsFile', async () => {
  const space = spaces[1]!;
  await outOfBandClient(emu, 'legacy').submitCustomerTerms({
    ...companyDetails(space, 'Adopted Trading Pte. Ltd.'),
    termsFile: `${project.dir}/terms/other.pdf`,
  });
  const warnings: string[] = [];
  const read = await newProvider(warnings).read(space, undefined);
  const company = { ...companyDetails(space, 'Adopted Trading Pte. Ltd.') };
  expect(read.inputs).toEqual(company);
  expect(read.props).toMatchObject({ ...company, isvTerms: 'other.pdf', termsSha256: '' });
  expect(warnings).toEqual([expect.stringMatching(/imported from the record on file; add termsFile/)]);
});

it('with SubmitIsvCustomerTerms withdrawn, create still succeeds through the instance path', async () => {
  const space = spaces[2]!;
  emu.setWithdrawnOperations(['SubmitIsvCustomerTerms']);
  try {
    const updates = emu.stats().operations.UpdateInstance.succeeded;
    const { outs } = await created(space);
    expect(outs).toMatchObject({ custSpaceId: space, isvTerms: 'a.pdf', requestId: expect.any(String) });
    expect(emu.stats().operations.UpdateInstance.succeeded).toBe(updates + 1);
    const record = emu.instances().find((r) => r.custSpaceId === space);
    expect(record).toMatchObject({ instanceName: companyDetails(space).custName });
    expect(record?.isvTerms).toMatch(/\/a\.pdf(\?|$)/);
  } finally {
    emu.setWithdrawnOperations([]);
  }
});
