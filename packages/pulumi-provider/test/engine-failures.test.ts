// The real engine when things go wrong, and the change users make least often: a submit that fails after its upload
// (on create and on update: what the state says, and what the next `up` does), a rename through `fileName` alone,
// missing credentials (the error names the stack config keys), `destroy` after the package was uninstalled, and no
// secret in the engine's records. Automation API, file backend; edits process.env like engine.test.ts, so it is alone.
import { mkdtemp, readlink, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@chatapp-isv/emulator';
import type * as AutomationApi from '@pulumi/pulumi/automation/index.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  companyDetails,
  createTestProject,
  loadProviderPackage,
  spaceIds,
  startTestEmulator,
  type TestProject,
} from './helpers.js';
import { automation, filesText, prepareEngineHome, type EngineHome } from './engine-harness.js';

const { IsvCustomerTerms } = loadProviderPackage();

const ENGINE_TIMEOUT = 10 * 60_000;
const SETUP_TIMEOUT = 45 * 60_000;
const spaces = spaceIds(3, 'failing');

let emu: Emulator;
let project: TestProject;
let engine: EngineHome;

/** One customer's terms, read fresh on every run so a test can change them between runs. */
interface Spec {
  space: string;
  file: string;
  fileName?: string;
}

async function stackFor(stackName: string, spec: () => Spec, extraEnv: Record<string, string> = {}) {
  const program = async () => {
    const { space, file, fileName } = spec();
    const terms = new IsvCustomerTerms('customer', {
      ...companyDetails(space),
      termsFile: file,
      ...(fileName !== undefined ? { fileName } : {}),
    });
    return { requestId: terms.requestId, isvTerms: terms.isvTerms };
  };
  return automation.LocalWorkspace.createOrSelectStack(
    { stackName, projectName: 'isv-terms-failures', program },
    {
      workDir: project.dir,
      pulumiHome: join(engine.home, 'pulumi-home'),
      pulumiCommand: engine.pulumiCommand,
      envVars: { ...engine.envVars, ...extraEnv },
      projectSettings: {
        name: 'isv-terms-failures',
        runtime: 'nodejs',
        backend: { url: `file://${join(engine.home, 'state')}` },
      },
    },
  );
}

/** Runs `up` expecting it to fail; returns everything the engine printed. */
async function failingUp(stack: AutomationApi.Stack): Promise<string> {
  let output = '';
  const error = await stack.up({ onOutput: (line) => (output += line) }).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  expect(error, 'up should have failed').toBeInstanceOf(Error);
  return `${output}\n${error?.message ?? ''}`;
}

function termsOutputs(exported: AutomationApi.Deployment): Record<string, unknown>[] {
  const resources = (exported.deployment as { resources?: { type: string; outputs?: Record<string, unknown> }[] })
    .resources;
  return (resources ?? []).filter((r) => r.type.endsWith(':IsvCustomerTerms')).map((r) => r.outputs ?? {});
}

beforeAll(async () => {
  engine = await prepareEngineHome('isv-terms-failures-');
  emu = await startTestEmulator(spaces);
  project = await createTestProject('isv-terms-failures-project-');
}, SETUP_TIMEOUT);

afterAll(async () => {
  await emu?.close();
  await project?.remove();
  if (engine) await rm(engine.home, { recursive: true, force: true });
});

it(
  'a submit failing after its upload: create records nothing, update keeps the old state, and the next up finishes',
  async () => {
    const space = spaces[0]!;
    const spec: Spec = { space, file: await project.writePdf('terms/partial.pdf', 'Partial v1') };
    const stack = await stackFor('partial', () => spec);
    await stack.setAllConfig({
      'alicloud:accessKey': { value: TEST_ACCESS_KEY_ID },
      'alicloud:secretKey': { value: TEST_ACCESS_KEY_SECRET, secret: true },
      'chatapp-isv:endpoint': { value: emu.endpoint },
    });
    const submitsFor = () => emu.submissions().filter((s) => s.custSpaceId === space);

    // Create: uploaded, then refused. Nothing is recorded, so the next up creates again.
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Ram.PermissionDeny', count: 1 });
    const createFailure = await failingUp(stack);
    expect(createFailure).toContain('Ram.PermissionDeny');
    expect(createFailure).not.toContain(TEST_ACCESS_KEY_SECRET);
    expect(termsOutputs(await stack.exportStack())).toEqual([]);
    expect(submitsFor()).toHaveLength(0);
    const created = await stack.up();
    expect(created.summary.resourceChanges).toMatchObject({ create: 1 });
    expect(submitsFor()).toHaveLength(1);
    const [firstState] = termsOutputs(await stack.exportStack());

    // Update: the edited PDF is uploaded, the submit refused. The state keeps the last submitted file, so the next
    // preview still shows the update and the next up uploads and submits the edited PDF.
    await project.writePdf(spec.file, 'Partial v2, amended');
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Ram.PermissionDeny', count: 1 });
    await failingUp(stack);
    expect(termsOutputs(await stack.exportStack())).toEqual([
      expect.objectContaining({ termsSha256: firstState?.['termsSha256'], requestId: firstState?.['requestId'] }),
    ]);
    expect((await stack.preview()).changeSummary).toEqual({ same: 1, update: 1 });
    const updated = await stack.up();
    expect(updated.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(submitsFor()).toHaveLength(2);
    const [secondState] = termsOutputs(await stack.exportStack());
    expect(secondState?.['termsSha256']).not.toBe(firstState?.['termsSha256']);
    expect((await stack.preview()).changeSummary).toEqual({ same: 2 });

    expect(await filesText(join(engine.home, 'state', '.pulumi'))).not.toContain(TEST_ACCESS_KEY_SECRET);
    await stack.destroy();
    await stack.workspace.removeStack('partial');
  },
  ENGINE_TIMEOUT,
);

it(
  'changing only fileName updates in place: one upload under the new name, one submission naming it',
  async () => {
    const space = spaces[1]!;
    const spec: Spec = { space, file: await project.writePdf('terms/rename.pdf', 'Rename me') };
    const stack = await stackFor('rename', () => spec, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_ACCESS_KEY_SECRET,
    });
    await stack.setConfig('chatapp-isv:endpoint', { value: emu.endpoint });
    await stack.up();
    const puts = emu.stats().operations.PutObject.succeeded;

    spec.fileName = 'renamed-terms.pdf';
    expect((await stack.preview()).changeSummary).toEqual({ same: 1, update: 1 });
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ same: 1, update: 1 });
    expect(up.outputs['isvTerms']?.value).toBe('renamed-terms.pdf');
    expect(emu.stats().operations.PutObject.succeeded).toBe(puts + 1);
    expect(
      emu
        .submissions()
        .filter((s) => s.custSpaceId === space)
        .map((s) => s.isvTerms),
    ).toEqual(['rename.pdf', 'renamed-terms.pdf']);
    await stack.destroy();
    await stack.workspace.removeStack('rename');
  },
  ENGINE_TIMEOUT,
);

it(
  'without any credentials, up fails before any call with an error naming the stack config keys',
  async () => {
    const spec: Spec = { space: spaces[2]!, file: await project.writePdf('terms/nokeys.pdf', 'No keys') };
    // An empty home (no profile files) and no instance metadata lookup: the default chain finds nothing, locally.
    const emptyHome = await mkdtemp(join(tmpdir(), 'isv-terms-nokeys-'));
    const stack = await stackFor('nokeys', () => spec, {
      HOME: emptyHome,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    });
    await stack.setConfig('chatapp-isv:endpoint', { value: emu.endpoint });
    const before = emu.stats().requests;
    const output = await failingUp(stack);
    expect(output).toContain('alicloud:accessKey');
    expect(output).toContain('alicloud:secretKey');
    expect(output).toContain('ALIBABA_CLOUD_ACCESS_KEY_ID');
    expect(emu.stats().requests).toBe(before);
    await stack.destroy();
    await stack.workspace.removeStack('nokeys');
    await rm(emptyHome, { recursive: true, force: true });
  },
  ENGINE_TIMEOUT,
);

it(
  'destroy still succeeds, with the warning, when the project no longer has this package installed',
  async () => {
    const space = spaces[2]!;
    const spec: Spec = { space, file: await project.writePdf('terms/uninstalled.pdf', 'Uninstalled later') };
    const stack = await stackFor('uninstalled', () => spec, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_ACCESS_KEY_SECRET,
    });
    await stack.setConfig('chatapp-isv:endpoint', { value: emu.endpoint });
    await stack.up();
    const link = join(project.dir, 'node_modules', '@chatapp-isv', 'pulumi-provider');
    const target = await readlink(link);
    await unlink(link);
    try {
      let output = '';
      const destroy = await stack.destroy({ onOutput: (line) => (output += line) });
      expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
      expect(output).toMatch(new RegExp(`warning: IsvCustomerTerms ${space}: [^\\n]*stay on record`));
    } finally {
      await symlink(target, link, 'dir');
    }
    await stack.workspace.removeStack('uninstalled');
  },
  ENGINE_TIMEOUT,
);
