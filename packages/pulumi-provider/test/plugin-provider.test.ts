// The plugin adapter called in-process against the emulator: configuration from the engine's Configure arguments
// (and the warning for a plain AccessKey secret), secrets kept secret through check and create, the type check on
// the URN, and import without read-back.
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
  type TestProject,
} from './helpers.js';

const { createPluginProvider } = loadProviderPackage();
const SIG = '4dabf18193072939515e22adb298388d';
const SECRET = { [SIG]: '1b47061264138c4ac30d75fd1eb44270' };
const URN = 'urn:pulumi:dev::proj::chatapp-isv:index:IsvCustomerTerms::acme';
const spaces = spaceIds(2, 'plugin');

let emu: Emulator;
let project: TestProject;

function secret(value: unknown) {
  return { ...SECRET, value };
}

function newPlugin(warnings: string[]) {
  return createPluginProvider('0.1.0', { cwd: project.dir, warn: (message) => warnings.push(message) });
}

beforeAll(async () => {
  emu = await startTestEmulator(spaces);
  project = await createTestProject('isv-terms-plugin-');
  await project.writePdf('terms/acme.pdf', 'Plugin agreement');
});

afterAll(async () => {
  await emu?.close();
  await project?.remove();
});

it('reads chatapp-isv:* from Configure; warns for a plain secretKey, not for a secret one, never echoing it', async () => {
  const warnings: string[] = [];
  const plugin = newPlugin(warnings);
  plugin.configure({
    endpoint: emu.endpoint,
    accessKey: TEST_ACCESS_KEY_ID,
    secretKey: secret(TEST_ACCESS_KEY_SECRET),
  });
  expect(warnings).toEqual([]);
  plugin.configure({ endpoint: emu.endpoint, accessKey: TEST_ACCESS_KEY_ID, secretKey: TEST_ACCESS_KEY_SECRET });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(/chatapp-isv:secretKey is plain stack configuration.*--secret chatapp-isv:secretKey/);
  expect(warnings[0]).not.toContain(TEST_ACCESS_KEY_SECRET);
});

it('keeps an input given as a secret secret in the checked inputs and the outputs, and submits its value', async () => {
  const plugin = newPlugin([]);
  plugin.configure({
    endpoint: emu.endpoint,
    accessKey: TEST_ACCESS_KEY_ID,
    secretKey: secret(TEST_ACCESS_KEY_SECRET),
  });
  const details = companyDetails(spaces[0]!);
  const news = { ...details, contactMail: secret(details.contactMail), termsFile: 'terms/acme.pdf' };
  const checked = await plugin.provider.check!(URN, {}, news);
  expect(checked.failures).toEqual([]);
  expect(checked.inputs.contactMail).toEqual(secret(details.contactMail));
  expect(checked.inputs.custName).toBe(details.custName);

  const created = await plugin.provider.create!(URN, checked.inputs);
  expect(created.id).toBe(spaces[0]);
  expect(created.outs.contactMail).toEqual(secret(details.contactMail));
  expect(created.outs.requestId).toEqual(expect.any(String));
  expect(emu.submissions().at(-1)).toMatchObject({ custSpaceId: spaces[0], contactMail: details.contactMail });
});

it('refuses a type it does not serve, and an import of a space with no record', async () => {
  const plugin = newPlugin([]);
  await expect(plugin.provider.check!('urn:pulumi:dev::proj::chatapp-isv:index:Other::x', {}, {})).rejects.toThrow(
    /unknown resource type chatapp-isv:index:Other/,
  );
  plugin.configure({
    endpoint: emu.endpoint,
    accessKey: TEST_ACCESS_KEY_ID,
    secretKey: secret(TEST_ACCESS_KEY_SECRET),
  });
  await expect(plugin.provider.read!('plugin-nowhere', URN, {})).rejects.toThrow(
    /cannot import: no record of this space is on file/,
  );
  await expect(plugin.provider.read!(spaces[1]!, URN, {})).rejects.toThrow(
    /cannot import: the record of this space shows no submitted terms/,
  );
});

it('the schema describes every property and config key, marks the credentials secret, and matches the resource', () => {
  const { packageSchema, PLUGIN_RESOURCE_TYPE } = loadProviderPackage();
  const schema = packageSchema('1.2.3') as {
    version: string;
    config: { variables: Record<string, { description?: string; secret?: boolean }> };
    resources: Record<string, Record<string, unknown>>;
  };
  expect(schema.version).toBe('1.2.3');
  const resource = schema.resources[PLUGIN_RESOURCE_TYPE] as {
    inputProperties: Record<string, { description?: string }>;
    properties: Record<string, { description?: string }>;
    requiredInputs: string[];
  };
  const groups = [resource.inputProperties, resource.properties, schema.config.variables];
  for (const group of groups) {
    for (const [name, property] of Object.entries(group)) expect(property.description, name).toMatch(/\S{3}/);
  }
  expect(Object.keys(resource.inputProperties).sort()).toEqual(
    [...Object.keys(companyDetails('x')), 'termsFile', 'fileName'].sort(),
  );
  expect(resource.requiredInputs).not.toContain('fileName');
  for (const output of ['isvTerms', 'objectKey', 'termsSha256', 'termsSize', 'requestId', 'submittedAt']) {
    expect(resource.properties).toHaveProperty(output);
  }
  expect(schema.config.variables['secretKey']?.secret).toBe(true);
  expect(schema.config.variables['securityToken']?.secret).toBe(true);
  expect(schema.config.variables['accessKey']?.secret).toBeUndefined();
});
