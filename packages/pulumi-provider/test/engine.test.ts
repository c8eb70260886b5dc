// The real Pulumi engine, driven through the Automation API with an inline program and a local file backend:
// up, a no-op preview, a one-PDF update, refresh, destroy, the state at rest, and 20 resources in one `up` within
// the quota. Needs the `pulumi` CLI (see helpers.findPulumiCliDir); without it these tests fail, they never skip.
// This file edits process.env (the CLI and the provider host inherit it), so it lives on its own.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  companyDetails,
  createTestProject,
  loadProviderPackage,
  spaceIds,
  startTestEmulator,
  writeRequests,
  type TestProject,
} from './helpers.js';
import { automation, filesText, prepareEngineHome, type EngineHome } from './engine-harness.js';

const { IsvCustomerTerms } = loadProviderPackage();

const ENGINE_TIMEOUT = 10 * 60_000;
// beforeAll may have to build the CLI first (scripts/install-pulumi-cli.sh: slow once, cached afterwards).
const SETUP_TIMEOUT = 45 * 60_000;
const lifecycleSpaces = spaceIds(3, 'engine');
const bulkSpaces = spaceIds(20, 'bulk');

let emu: Emulator;
let project: TestProject;
let engine: EngineHome;

interface Spec {
  name: string;
  space: string;
  file: string;
}

/** An inline program declaring one IsvCustomerTerms per spec. */
function programFor(specs: () => Spec[]) {
  return async () => {
    const requestIds: Record<string, unknown> = {};
    for (const spec of specs()) {
      const terms = new IsvCustomerTerms(spec.name, { ...companyDetails(spec.space), termsFile: spec.file });
      requestIds[spec.name] = terms.requestId;
    }
    return { requestIds };
  };
}

async function stackFor(
  stackName: string,
  program: () => Promise<Record<string, unknown>>,
  extraEnv: Record<string, string> = {},
) {
  return automation.LocalWorkspace.createOrSelectStack(
    { stackName, projectName: 'isv-terms-engine', program },
    {
      workDir: project.dir,
      pulumiHome: join(engine.home, 'pulumi-home'),
      pulumiCommand: engine.pulumiCommand,
      envVars: { ...engine.envVars, ...extraEnv },
      projectSettings: {
        name: 'isv-terms-engine',
        runtime: 'nodejs',
        backend: { url: `file://${join(engine.home, 'state')}` },
      },
    },
  );
}

beforeAll(async () => {
  engine = await prepareEngineHome('isv-terms-engine-');
  emu = await startTestEmulator([...lifecycleSpaces, ...bulkSpaces]);
  project = await createTestProject('isv-terms-engine-project-');
}, SETUP_TIMEOUT);

afterAll(async () => {
  await emu?.close();
  await project?.remove();
  if (engine) await rm(engine.home, { recursive: true, force: true });
});

it(
  'up, no-op preview, one-PDF update, refresh, destroy; credentials from stack config never reach the resources or the disk',
  async () => {
    const specs: Spec[] = [];
    for (const [index, space] of lifecycleSpaces.entries()) {
      specs.push({
        name: `customer-${index + 1}`,
        space,
        file: await project.writePdf(`terms/customer-${index + 1}.pdf`, `Agreement ${index + 1} v1`),
      });
    }
    const stack = await stackFor(
      'lifecycle',
      programFor(() => specs),
    );
    const sts = emu.issueStsCredentials(TEST_ACCESS_KEY_ID);
    await stack.setAllConfig({
      'alicloud:accessKey': { value: sts.accessKeyId },
      'alicloud:secretKey': { value: sts.accessKeySecret, secret: true },
      'alicloud:securityToken': { value: sts.securityToken, secret: true },
      'chatapp-isv:endpoint': { value: emu.endpoint },
    });
    const secrets = [sts.accessKeySecret, sts.securityToken, TEST_ACCESS_KEY_SECRET];

    // 1. up creates the three resources: three uploads, three submissions.
    const up = await stack.up();
    expect(up.summary.result).toBe('succeeded');
    expect(up.summary.resourceChanges).toMatchObject({ create: 4 });
    expect(
      emu
        .submissions()
        .map((s) => s.custSpaceId)
        .sort(),
    ).toEqual([...lifecycleSpaces].sort());
    expect(emu.stats().operations.PutObject.succeeded).toBe(3);

    // 2. A second preview: no changes, and not a single call reaches ChatApp or OSS.
    const callsBefore = emu.stats().requests;
    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ same: 4 });
    expect(emu.stats().requests).toBe(callsBefore);

    // 3. One PDF edited: exactly that resource is updated (one upload, one submission).
    await project.writePdf(specs[1]!.file, 'Agreement 2 v2, amended');
    const changed = await stack.preview();
    expect(changed.changeSummary).toEqual({ same: 3, update: 1 });
    expect(emu.stats().requests).toBe(callsBefore);
    const update = await stack.up();
    expect(update.summary.resourceChanges).toEqual({ same: 3, update: 1 });
    const latest = emu.submissions().slice(3);
    expect(latest).toEqual([expect.objectContaining({ custSpaceId: specs[1]!.space, version: 2 })]);
    expect(emu.stats().operations.PutObject.succeeded).toBe(4);

    // 4. refresh reads the records back (ListInstance), finds them as declared, and writes nothing.
    const writesBeforeRefresh = writeRequests(emu);
    const refresh = await stack.refresh();
    expect(refresh.summary.result).toBe('succeeded');
    expect(refresh.summary.resourceChanges).toEqual({ same: 4 });
    expect(writeRequests(emu)).toBe(writesBeforeRefresh);

    // 5. The state: outputs recorded, no credential in any IsvCustomerTerms resource (decrypted view), and no
    //    credential in plain text on disk. (The engine keeps the whole stack config as the inputs of the default
    //    pulumi-nodejs provider; values set with --secret are stored encrypted there.)
    const exported = await stack.exportStack();
    const resources = (
      exported.deployment as { resources: { type: string; inputs?: object; outputs?: Record<string, unknown> }[] }
    ).resources;
    const terms = resources.filter((r) => r.type === 'pulumi-nodejs:dynamic/chatapp-isv:IsvCustomerTerms');
    expect(terms).toHaveLength(3);
    for (const resource of terms) {
      expect(resource.outputs).toMatchObject({
        requestId: expect.any(String),
        objectKey: expect.any(String),
        termsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(String(resource.outputs?.['__provider']).length).toBeLessThan(6000);
      const text = JSON.stringify(resource);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
    const atRest = await filesText(join(engine.home, 'state', '.pulumi', 'stacks'));
    expect(atRest).toContain('IsvCustomerTerms');
    for (const secret of secrets) expect(atRest).not.toContain(secret);

    // 6. destroy succeeds without calls and warns that the terms stay on record.
    const callsBeforeDestroy = emu.stats().requests;
    let output = '';
    const destroy = await stack.destroy({ onOutput: (line) => (output += line) });
    expect(destroy.summary.result).toBe('succeeded');
    expect(destroy.summary.resourceChanges).toEqual({ delete: 4 });
    expect(emu.stats().requests).toBe(callsBeforeDestroy);
    for (const space of lifecycleSpaces) {
      expect(output).toMatch(
        new RegExp(
          `warning: IsvCustomerTerms ${space}: ChatApp has no operation to withdraw customer terms;[^\\n]*stay on record`,
        ),
      );
    }
    await stack.workspace.removeStack('lifecycle');
  },
  ENGINE_TIMEOUT,
);

it(
  '20 resources in one up share the quota: zero System.LimitControl rejections; env credentials leave no trace in state',
  async () => {
    const specs: Spec[] = [];
    for (const [index, space] of bulkSpaces.entries()) {
      specs.push({
        name: `bulk-${index + 1}`,
        space,
        file: await project.writePdf(`terms/bulk-${index + 1}.pdf`, `Bulk agreement ${index + 1}`),
      });
    }
    const stack = await stackFor(
      'bulk',
      programFor(() => specs),
      {
        ALIBABA_CLOUD_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: TEST_ACCESS_KEY_SECRET,
      },
    );
    await stack.setConfig('chatapp-isv:endpoint', { value: emu.endpoint });
    const before = emu.stats();

    const up = await stack.up({ parallel: 32 });
    expect(up.summary.resourceChanges).toMatchObject({ create: 21 });
    const bulkSubmissions = emu.submissions().filter((s) => s.custSpaceId.startsWith('bulk-'));
    expect(bulkSubmissions).toHaveLength(20);
    const after = emu.stats();
    expect(after.errors['System.LimitControl'] ?? 0).toBe(before.errors['System.LimitControl'] ?? 0);
    expect(after.rejected).toBe(before.rejected);
    for (const operation of ['GetChatappUploadAuthorization', 'SubmitIsvCustomerTerms', 'PutObject'] as const) {
      expect(after.operations[operation].requests - before.operations[operation].requests).toBe(20);
    }

    // Credentials from the environment appear nowhere in the state, not even encrypted.
    const exported = JSON.stringify(await stack.exportStack());
    expect(exported).not.toContain(TEST_ACCESS_KEY_SECRET);

    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 21 });
    await stack.workspace.removeStack('bulk');
  },
  ENGINE_TIMEOUT,
);
