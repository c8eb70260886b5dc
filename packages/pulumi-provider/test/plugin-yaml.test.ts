// The `pulumi-resource-chatapp-isv` plugin through the real engine, from a second language: a Pulumi YAML program
// (pulumi-language-yaml, built by scripts/install-pulumi-cli.sh) declaring three customers. The plugin is installed
// as the README says: `pulumi plugin install resource chatapp-isv <version> --file <launcher>`, with the launcher the
// plugin prints (`--launcher`), so the engine finds it in its plugin cache. Lifecycle: up, a no-change preview that makes
// no ChatApp/OSS call, an edit that updates one resource, refresh (out-of-band drift reported, then restored with the
// legacy action withdrawn), `pulumi import`, destroy; the plain-secret warning. plugin-sdk.test.ts covers the schema.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  companyDetails,
  findPulumiCliDir,
  packageRoot,
  pdfBytes,
  pulumiEnv,
  run,
  spaceIds,
  outOfBandClient,
  startTestEmulator,
  writeRequests,
} from './helpers.js';

const ENGINE_TIMEOUT = 10 * 60_000;
// beforeAll may have to build the CLI first (scripts/install-pulumi-cli.sh: slow once, cached afterwards).
const SETUP_TIMEOUT = 45 * 60_000;
// Three declared in the program; the fourth is onboarded out of band and imported.
const SPACES = spaceIds(4, 'yaml');
const DECLARED = SPACES.slice(0, 3);
const PLUGIN = join(packageRoot, 'bin', 'pulumi-resource-chatapp-isv');

let emu: Emulator;
let home: string;
let cliDir: string;
let projectDir: string;
let env: Record<string, string>;
let version: string;

/** The YAML program: one IsvCustomerTerms per space; `names` overrides custName per index. */
function program(names: Record<number, string> = {}): string {
  const lines = ['name: isv-terms-yaml', 'runtime: yaml', 'resources:'];
  DECLARED.forEach((space, index) => {
    const details = { ...companyDetails(space), custName: names[index] ?? `Example Trading ${index + 1} Pte. Ltd.` };
    lines.push(`  customer-${index + 1}:`, '    type: chatapp-isv:index:IsvCustomerTerms', '    properties:');
    for (const [key, value] of Object.entries(details)) lines.push(`      ${key}: ${JSON.stringify(value)}`);
    lines.push(`      termsFile: terms/customer-${index + 1}.pdf`);
  });
  lines.push('outputs:', '  firstRequestId: ${customer-1.requestId}', '');
  return lines.join('\n');
}

async function pulumi(...args: string[]) {
  const result = await run('pulumi', [...args, '--non-interactive'], { cwd: projectDir, env });
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

beforeAll(async () => {
  cliDir = await findPulumiCliDir();
  version = (JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  home = await mkdtemp(join(tmpdir(), 'isv-terms-yaml-'));
  await mkdir(join(home, 'state'), { recursive: true });
  projectDir = join(home, 'project');
  await mkdir(join(projectDir, 'terms'), { recursive: true });
  for (const [index] of DECLARED.entries()) {
    await writeFile(join(projectDir, 'terms', `customer-${index + 1}.pdf`), pdfBytes(`YAML agreement ${index + 1}`));
  }
  await writeFile(join(projectDir, 'Pulumi.yaml'), program());
  env = pulumiEnv(cliDir, home);
  const launcher = join(home, 'chatapp-isv-launcher');
  const printed = await run(process.execPath, [PLUGIN, '--launcher']);
  await writeFile(launcher, printed.stdout, { mode: 0o755 });
  await pulumi('plugin', 'install', 'resource', 'chatapp-isv', version, '--file', launcher);
  emu = await startTestEmulator(SPACES);
}, SETUP_TIMEOUT);

afterAll(async () => {
  await emu?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

it(
  'a YAML program: up, a no-call preview, one edit, refresh finds out-of-band drift, up restores it with the legacy action withdrawn, import adopts a customer, destroy',
  async () => {
    // The plugin comes from the plugin cache, not from PATH.
    expect((await pulumi('plugin', 'ls')).stdout).toMatch(new RegExp(`chatapp-isv\\s+resource\\s+${version}`));
    expect(env['PATH']).not.toContain(dirname(PLUGIN));
    await pulumi('stack', 'init', 'dev');
    await pulumi('config', 'set', 'chatapp-isv:endpoint', emu.endpoint);
    await pulumi('config', 'set', 'chatapp-isv:accessKey', TEST_ACCESS_KEY_ID);
    await pulumi('config', 'set', '--secret', 'chatapp-isv:secretKey', TEST_ACCESS_KEY_SECRET);

    const up = await pulumi('up', '--yes');
    expect(up.stdout).toMatch(/\+ 4 created/);
    expect(up.stdout).not.toMatch(/is plain stack configuration|using pulumi-resource-chatapp-isv from \$PATH/);
    expect(
      emu
        .submissions()
        .map((s) => s.custSpaceId)
        .sort(),
    ).toEqual([...DECLARED].sort());
    expect(emu.stats().operations.PutObject.succeeded).toBe(3);

    const callsBefore = emu.stats().requests;
    const preview = await pulumi('preview', '--expect-no-changes');
    expect(preview.stdout).toMatch(/4 unchanged/);
    expect(emu.stats().requests).toBe(callsBefore);

    // One customer renamed: one submission, no upload (the PDF did not change).
    await writeFile(join(projectDir, 'Pulumi.yaml'), program({ 1: 'Example Trading Two Pte. Ltd.' }));
    const update = await pulumi('up', '--yes');
    expect(update.stdout).toMatch(/~ 1 updated/);
    expect(update.stdout).toMatch(/3 unchanged/);
    expect(emu.submissions().slice(3)).toEqual([
      expect.objectContaining({ custSpaceId: SPACES[1], custName: 'Example Trading Two Pte. Ltd.', version: 2 }),
    ]);
    expect(emu.stats().operations.PutObject.succeeded).toBe(3);

    // refresh reads every record back (ListInstance) and writes nothing; nothing changed.
    let writes = writeRequests(emu);
    const refresh = await pulumi('refresh', '--yes');
    expect(refresh.stdout).toMatch(/4 unchanged/);
    expect(emu.stats().operations.ListInstance.succeeded).toBeGreaterThan(0);
    expect(writeRequests(emu)).toBe(writes);

    // Out of band: customer-3's record changed through UpdateInstance. refresh reports it; up restores the declared
    // terms, and still succeeds with SubmitIsvCustomerTerms withdrawn (core's `auto` switches to UpdateInstance).
    const drifted = SPACES[2]!;
    await outOfBandClient(emu, 'instance').submitCustomerTerms({
      ...companyDetails(drifted, 'Renamed Behind Our Back Ltd.'),
      termsFile: join(projectDir, 'terms', 'customer-3.pdf'),
    });
    const drift = await pulumi('refresh', '--yes');
    expect(drift.stdout).toMatch(/~ 1 updated/);
    expect(drift.stdout).toMatch(/3 unchanged/);
    const pending = await pulumi('preview');
    expect(pending.stdout).toMatch(/~ 1 to update/);
    emu.setWithdrawnOperations(['SubmitIsvCustomerTerms']);
    const updates = emu.stats().operations.UpdateInstance.succeeded;
    const restore = await pulumi('up', '--yes');
    emu.setWithdrawnOperations([]);
    expect(restore.stdout).toMatch(/~ 1 updated/);
    expect(emu.stats().operations.UpdateInstance.succeeded).toBe(updates + 1);
    expect(emu.instances().find((r) => r.custSpaceId === drifted)?.instanceName).toBe(`Example Trading 3 Pte. Ltd.`);
    writes = writeRequests(emu);
    expect((await pulumi('refresh', '--yes')).stdout).toMatch(/4 unchanged/);
    expect(writeRequests(emu)).toBe(writes);

    // import: a customer onboarded outside Pulumi is adopted from its record, without a write.
    const adopted = SPACES[3]!;
    await outOfBandClient(emu, 'legacy').submitCustomerTerms({
      ...companyDetails(adopted, 'Adopted Trading Pte. Ltd.'),
      termsFile: join(projectDir, 'terms', 'customer-1.pdf'),
    });
    writes = writeRequests(emu);
    const imported = await pulumi(
      'import',
      'chatapp-isv:index:IsvCustomerTerms',
      'adopted',
      adopted,
      '--protect=false',
      '--yes',
    );
    expect(imported.stdout).toMatch(/= 1 imported/);
    expect(imported.stdout).toContain('Adopted Trading Pte. Ltd.');
    expect(writeRequests(emu)).toBe(writes);

    // The AccessKey secret is stored encrypted; the resources never carry it.
    const exported = await pulumi('stack', 'export');
    expect(exported.stdout).toContain('chatapp-isv:index:IsvCustomerTerms');
    expect(exported.stdout).not.toContain(TEST_ACCESS_KEY_SECRET);
    const decrypted = JSON.parse((await pulumi('stack', 'export', '--show-secrets')).stdout) as {
      deployment: { resources: { type: string }[] };
    };
    const terms = decrypted.deployment.resources.filter((r) => r.type === 'chatapp-isv:index:IsvCustomerTerms');
    expect(terms).toHaveLength(4);
    expect(JSON.stringify(terms)).not.toContain(TEST_ACCESS_KEY_SECRET);

    const callsBeforeDestroy = emu.stats().requests;
    const destroy = await pulumi('destroy', '--yes');
    expect(destroy.stdout).toMatch(/- 5 deleted/);
    for (const space of SPACES) {
      expect(destroy.stdout).toContain(
        `IsvCustomerTerms ${space}: ChatApp has no operation to withdraw customer terms`,
      );
    }
    expect(emu.stats().requests).toBe(callsBeforeDestroy);

    // The AccessKey secret set without --secret: the plugin warns (preview only, no call is made).
    await pulumi('config', 'set', 'chatapp-isv:secretKey', TEST_ACCESS_KEY_SECRET);
    const plain = await pulumi('preview');
    expect(plain.stdout).toContain('chatapp-isv:secretKey is plain stack configuration');
    expect(plain.stdout).not.toContain(TEST_ACCESS_KEY_SECRET);
    expect(emu.stats().requests).toBe(callsBeforeDestroy);
    await pulumi('stack', 'rm', '--yes', 'dev');
  },
  ENGINE_TIMEOUT,
);
