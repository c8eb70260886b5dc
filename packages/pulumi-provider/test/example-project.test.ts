// examples/pulumi-isv-terms run the way its README says, with the `pulumi` CLI: a copy of the project (its own
// installed node_modules linked in), a local file backend, the emulator seeded from the example's seed file, and
// config set with `pulumi config set`. Proves the TypeScript entry point runs as a directory project under a
// `pulumi-language-nodejs` host (by default the small one scripts/install-pulumi-cli.sh builds from
// scripts/pulumi-language-host/, which starts @pulumi/pulumi's own `cmd/run`; the upstream host when
// PULUMI_LANGUAGE_NODEJS_VERSION names one) and that the lifecycle a user sees (up, preview, edit one PDF, refresh,
// destroy) makes exactly the calls it should; then that plain `alicloud:secretKey` config is warned about.
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@chatapp-isv/emulator';
import { startEmulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPulumiCliDir, pdfBytes, pulumiEnv, repoRoot, run, writeRequests } from './helpers.js';

const ENGINE_TIMEOUT = 10 * 60_000;
// beforeAll may have to build the CLI first (scripts/install-pulumi-cli.sh: slow once, cached afterwards).
const SETUP_TIMEOUT = 45 * 60_000;
const exampleDir = join(repoRoot, 'examples', 'pulumi-isv-terms');
const SEED_SECRET = 'example-access-key-secret';
const SPACES = ['2934839388490101', '2934839388490102', '2934839388490103'];

let emu: Emulator;
let home: string;
let projectDir: string;
let env: Record<string, string>;

async function pulumi(...args: string[]) {
  const result = await run('pulumi', [...args, '--non-interactive'], { cwd: projectDir, env });
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(' ')} exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

beforeAll(async () => {
  const cliDir = await findPulumiCliDir();
  home = await mkdtemp(join(tmpdir(), 'isv-terms-example-'));
  await mkdir(join(home, 'state'), { recursive: true });
  projectDir = join(home, 'project');
  await mkdir(projectDir);
  for (const entry of ['Pulumi.yaml', 'package.json', 'tsconfig.json', 'index.ts', 'terms']) {
    await cp(join(exampleDir, entry), join(projectDir, entry), { recursive: true });
  }
  await symlink(join(exampleDir, 'node_modules'), join(projectDir, 'node_modules'), 'dir');
  env = pulumiEnv(cliDir, home);
  emu = await startEmulator({ host: '127.0.0.1', seed: join(exampleDir, 'emulator-seed.json') });
}, SETUP_TIMEOUT);

afterAll(async () => {
  await emu?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

it(
  'the example project: up submits three, preview is a no-op, one edited PDF updates one, refresh and destroy succeed',
  async () => {
    await pulumi('stack', 'init', 'dev');
    await pulumi('config', 'set', 'chatapp-isv:endpoint', emu.endpoint);
    await pulumi('config', 'set', 'alicloud:accessKey', 'example-access-key-id');
    await pulumi('config', 'set', '--secret', 'alicloud:secretKey', SEED_SECRET);

    const up = await pulumi('up', '--yes');
    expect(up.stdout).toMatch(/\+ 4 created/);
    expect(up.stdout).not.toMatch(/is plain stack configuration/);
    expect(
      emu
        .submissions()
        .map((s) => s.custSpaceId)
        .sort(),
    ).toEqual(SPACES);
    expect(emu.submissions().find((s) => s.custSpaceId === SPACES[2])?.isvTerms).toBe('lotus-clinic-terms-2026.pdf');

    const callsBefore = emu.stats().requests;
    const preview = await pulumi('preview', '--expect-no-changes');
    expect(preview.stdout).toMatch(/4 unchanged/);
    expect(emu.stats().requests).toBe(callsBefore);

    await writeFile(join(projectDir, 'terms', 'batik-house.pdf'), pdfBytes('Batik House agreement, amended'));
    const update = await pulumi('up', '--yes');
    expect(update.stdout).toMatch(/~ 1 updated/);
    expect(update.stdout).toMatch(/3 unchanged/);
    expect(emu.submissions().slice(3)).toEqual([expect.objectContaining({ custSpaceId: SPACES[1], version: 2 })]);

    const writesBeforeRefresh = writeRequests(emu);
    const refresh = await pulumi('refresh', '--yes');
    expect(refresh.stdout).toMatch(/4 unchanged/);
    expect(writeRequests(emu)).toBe(writesBeforeRefresh);
    const callsBeforeRefresh = emu.stats().requests;

    // The state as exported: no secret in plain text; decrypted, none inside the IsvCustomerTerms resources.
    const exported = await pulumi('stack', 'export');
    expect(exported.stdout).toContain('IsvCustomerTerms');
    expect(exported.stdout).not.toContain(SEED_SECRET);
    const decrypted = JSON.parse((await pulumi('stack', 'export', '--show-secrets')).stdout) as {
      deployment: { resources: { type: string }[] };
    };
    const terms = decrypted.deployment.resources.filter((r) => r.type.endsWith(':IsvCustomerTerms'));
    expect(terms).toHaveLength(3);
    expect(JSON.stringify(terms)).not.toContain(SEED_SECRET);

    const destroy = await pulumi('destroy', '--yes');
    expect(destroy.stdout).toMatch(/- 4 deleted/);
    for (const space of SPACES)
      expect(destroy.stdout).toContain(
        `warning: IsvCustomerTerms ${space}: ChatApp has no operation to withdraw customer terms`,
      );
    expect(emu.stats().requests).toBe(callsBeforeRefresh);

    // The AccessKey secret set without --secret: the program warns (a preview, so no call is made).
    await pulumi('config', 'set', 'alicloud:secretKey', SEED_SECRET);
    const plain = await pulumi('preview');
    expect(plain.stdout).toContain('alicloud:secretKey is plain stack configuration');
    expect(plain.stdout.match(/alicloud:secretKey is plain stack configuration/g)?.length).toBeLessThanOrEqual(2);
    expect(emu.stats().requests).toBe(callsBeforeRefresh);
    await pulumi('stack', 'rm', '--yes', 'dev');
  },
  ENGINE_TIMEOUT,
);
