// The provider after a real round trip through Pulumi's closure serializer: a resource is registered under
// `pulumi.runtime.setMocks`, its `__provider` text is captured, loaded back the way the provider host does it
// (require-from-string, resolving from a pnpm-like project folder), configured from stack config, and run against
// the emulator. This file sets Pulumi's global mocks, so it lives on its own.
import { join } from 'node:path';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  companyDetails,
  configOf,
  createTestProject,
  loadProviderPackage,
  loadPulumi,
  nativeRequire,
  run,
  spaceIds,
  startTestEmulator,
  type TestProject,
} from './helpers.js';

const pulumi = loadPulumi();
const { IsvCustomerTerms, RESOURCE_TYPE } = loadProviderPackage();
/** The deserialized provider, as the host sees it. */
interface LoadedProvider {
  configure(req: { config: ReturnType<typeof configOf> }): Promise<void>;
  check(olds: object, news: object): Promise<{ inputs: Record<string, unknown>; failures?: unknown[] }>;
  diff(id: string, olds: object, news: object): Promise<{ changes?: boolean }>;
  create(inputs: object): Promise<{ id: string; outs: Record<string, unknown> }>;
}
const requireFromString: (code: string, filename?: string) => { handler(): LoadedProvider } =
  nativeRequire('require-from-string');

let emu: Emulator;
let project: TestProject;
const spaces = spaceIds(2, 'serialized');

beforeAll(async () => {
  emu = await startTestEmulator(spaces);
  project = await createTestProject();
  await project.writePdf('terms/serialized.pdf', 'Agreement through the serializer');
});

afterAll(async () => {
  await emu?.close();
  await project?.remove();
});

async function registeredInputs(): Promise<{ type: string; inputs: Record<string, unknown> }> {
  let registered: { type: string; inputs: Record<string, unknown> } | undefined;
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered = { type: args.type, inputs: args.inputs };
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    'isv-terms-serialization',
    'test',
    false,
  );
  const terms = new IsvCustomerTerms('serialized', {
    ...companyDetails(spaces[0]!),
    termsFile: 'terms/serialized.pdf',
  });
  await new Promise<void>((resolve) => terms.urn.apply(() => resolve()));
  if (registered === undefined) throw new Error('the mock monitor saw no resource');
  return registered;
}

it('serializes a small provider that loads the implementation from the project and works after loading', async () => {
  const { type, inputs } = await registeredInputs();
  expect(type).toBe(RESOURCE_TYPE);
  expect(type).toBe('pulumi-nodejs:dynamic/chatapp-isv:IsvCustomerTerms');
  const text = inputs['__provider'] as string;
  expect(typeof text).toBe('string');

  // Nothing heavy or machine-specific is captured: only the implementation's package subpath.
  expect(text.length).toBeLessThan(6000);
  expect(text).toContain('@chatapp-isv/pulumi-provider/provider');
  expect(text).not.toMatch(/@chatapp-isv\/core|ali-oss|@alicloud|zod|node_modules|\.pnpm/);
  expect(text).not.toContain(TEST_ACCESS_KEY_SECRET);

  // The project folder sees only its direct dependencies, like a pnpm project: core is not visible from it.
  // (Checked in a child without NODE_PATH, which pnpm's bin shims set for vitest itself.)
  const env = { ...process.env };
  delete env['NODE_PATH'];
  const probe = await run(process.execPath, ['-e', "require.resolve('@chatapp-isv/core')"], { cwd: project.dir, env });
  expect(probe.stderr).toMatch(/Cannot find module '@chatapp-isv\/core'/);

  const provider = requireFromString(text, join(project.dir, '__provider.js')).handler();
  await provider.configure({
    config: configOf({
      'alicloud:accessKey': TEST_ACCESS_KEY_ID,
      'alicloud:secretKey': TEST_ACCESS_KEY_SECRET,
      'chatapp-isv:endpoint': emu.endpoint,
    }),
  });
  const news = { ...companyDetails(spaces[0]!), termsFile: 'terms/serialized.pdf', __provider: text };
  // Relative paths resolve against the provider's working directory, which the engine sets to the project.
  const cwd = process.cwd();
  process.chdir(project.dir);
  try {
    const checked = await provider.check({}, news);
    expect(checked.failures).toEqual([]);
    expect(
      await provider.diff(spaces[0]!, { ...checked.inputs, __provider: 'older code' }, checked.inputs),
    ).toMatchObject({ changes: false });
    const created = await provider.create(checked.inputs);
    expect(created.id).toBe(spaces[0]);
    expect(emu.submissions()).toEqual([
      expect.objectContaining({
        custSpaceId: spaces[0],
        isvTerms: 'serialized.pdf',
        requestId: created.outs.requestId,
      }),
    ]);
  } finally {
    process.chdir(cwd);
  }
});

it('loading from a folder without the package fails with a message that says how to fix it', async () => {
  const { inputs } = await registeredInputs();
  const empty = await createTestProject('isv-terms-empty-');
  try {
    const { rm } = await import('node:fs/promises');
    await rm(join(empty.dir, 'node_modules', '@chatapp-isv'), { recursive: true, force: true });
    const provider = requireFromString(inputs['__provider'] as string, join(empty.dir, '__provider.js')).handler();
    // configure lets the first real call report it (so that destroy can still succeed); check does.
    await provider.configure({ config: configOf({}) });
    await expect(provider.check({}, { termsFile: 'terms/serialized.pdf' })).rejects.toThrow(
      /Add @chatapp-isv\/pulumi-provider to the dependencies/,
    );
  } finally {
    await empty.remove();
  }
});
