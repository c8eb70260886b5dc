// Installed as a stranger installs them: every publishable package is packed the way a release packs it, published
// to a real npm registry on loopback (Verdaccio; `@chatapp-isv/*` only there, everything else proxied to the
// registry npm uses on this machine), then used from fresh folders in the OS temp dir with npm pointed at that
// registry and nothing of the workspace on PATH: npx runs the MCP server and the emulator bins, a TypeScript library
// user onboards a customer from ESM and from CommonJS, and a copy of the Pulumi example runs up, preview and destroy.
// After each install, nothing may point back into the workspace.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createIsvTermsClient } from '@chatapp-isv/core';
import { startEmulator } from '@chatapp-isv/emulator';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { onePagePdf } from '../support/one-page-pdf.js';
import { writeLibraryUser } from './support/library-user.js';
import type { OnboardReport } from './support/library-user.js';
import { startLocalRegistry, upstreamRegistry } from './support/local-registry.js';
import type { LocalRegistry } from './support/local-registry.js';
import { packWorkspace, workspaceRoot } from './support/pack-workspace.js';
import type { PackedPackage } from './support/pack-workspace.js';
import {
  catalogVersion,
  copyPulumiExample,
  pulumiCliDir,
  pulumiEnv,
  pulumiExampleDir,
} from './support/pulumi-example-copy.js';
import { mustRun, startBackground } from './support/run-command.js';
import type { CommandOptions } from './support/run-command.js';
import { inspectInstall, npxInstallOf, strangerEnv, strangerFolder } from './support/stranger.js';

// Bounds, not expectations: a whole run takes 1½–2 minutes. The first run on a machine fetches every third-party
// package through the proxy; a hung step fails within these instead of eating CI's 90 minutes.
const INSTALL_MS = 5 * 60_000;
const PULUMI_MS = 3 * 60_000;
const SETUP_MS = 5 * 60_000;
const TEST_MS = 8 * 60_000;
const QUICK_MS = 60_000;

let root: string;
let registry: LocalRegistry | undefined;
let packed: PackedPackage[];
let env: NodeJS.ProcessEnv;
const folders: string[] = [];

/** A fresh stranger's folder, removed after the file. */
async function folder(prefix: string): Promise<string> {
  const dir = await strangerFolder(`chatapp-isv-${prefix}-`);
  folders.push(dir);
  return dir;
}

function at(cwd: string, timeoutMs = INSTALL_MS, extraEnv: NodeJS.ProcessEnv = env): CommandOptions {
  return { cwd, env: extraEnv, timeoutMs };
}

/** On a failing test, Verdaccio's last lines go to stderr next to the failure. */
function showRegistryLogOnFailure(): void {
  onTestFailed(() => {
    process.stderr.write(`--- local registry log (last lines) ---\n${registry?.logTail() ?? '(not started)'}\n`);
  });
}

beforeAll(async () => {
  root = await strangerFolder('chatapp-isv-registry-');
  registry = await startLocalRegistry(join(root, 'verdaccio'), await upstreamRegistry(workspaceRoot));
  env = await strangerEnv(registry, root);
  try {
    packed = await packWorkspace(join(root, 'tarballs'));
    for (const pkg of packed) {
      // Flags on the command line outrank publishConfig: --registry means this never publishes anywhere else, and a
      // release's provenance (which needs a CI identity) has no meaning for a throwaway local registry.
      const flags = ['--registry', registry.url, '--tag', 'latest', '--provenance=false'];
      await mustRun('npm', ['publish', pkg.tarball, ...flags], at(root, QUICK_MS));
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- registry log ---\n${registry.logTail()}`, { cause: error });
  }
}, SETUP_MS);

afterAll(async () => {
  await registry?.stop();
  for (const dir of [...folders, root]) if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

it('the local registry serves every packed package at its packed version, from loopback only', async () => {
  showRegistryLogOnFailure();
  expect(packed.map((pkg) => pkg.name)).toContain('@chatapp-isv/emulator');
  for (const pkg of packed) {
    const response = await fetch(`${registry!.url}${pkg.name.replace('/', '%2f')}`);
    expect(response.status, pkg.name).toBe(200);
    const packument = (await response.json()) as {
      'dist-tags': Record<string, string>;
      versions: Record<string, { dist: { tarball: string } }>;
    };
    // Only what this run published: no version fetched from any upstream.
    expect(Object.keys(packument.versions), pkg.name).toEqual([pkg.version]);
    expect(packument['dist-tags']['latest']).toBe(pkg.version);
    expect(packument.versions[pkg.version]!.dist.tarball.startsWith(registry!.url)).toBe(true);
  }
});

it(
  '`npx -y @chatapp-isv/mcp-server --help` in an empty folder prints the usage and exits 0',
  async () => {
    showRegistryLogOnFailure();
    const dir = await folder('npx-mcp');
    const { stdout } = await mustRun('npx', ['-y', '@chatapp-isv/mcp-server', '--help'], at(dir));
    expect(stdout).toMatch(/^Usage: chatapp-isv-mcp /m);
    expect(stdout).toContain('--allow-dir <path>');
    const installed = await npxInstallOf(env, '@chatapp-isv/mcp-server', registry!.url);
    expect(installed, 'npx installed @chatapp-isv/mcp-server from this run`s registry').toBeDefined();
    const report = await inspectInstall(installed!, registry!.url);
    expect(report.problems).toEqual([]);
    expect(report.ours).toContain(`@chatapp-isv/mcp-server@${versionOf('@chatapp-isv/mcp-server')}`);
  },
  TEST_MS,
);

it(
  '`npx -y @chatapp-isv/cli` validates a customer file offline, then onboards it against the emulator',
  async () => {
    showRegistryLogOnFailure();
    const dir = await folder('npx-cli');
    const emu = await startEmulator();
    try {
      const [account] = emu.accounts;
      await writeFile(join(dir, 'acme.pdf'), onePagePdf('Agreement onboarded by the npx CLI'));
      const header = 'id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile';
      const row = `acme,${account!.custSpaceIds[0]},Acme Pte Ltd,1 Example Road,legal@acme.example,SG,Updates,acme.pdf`;
      await writeFile(join(dir, 'customers.csv'), `${header}\n${row}\n`);
      const { stdout } = await mustRun('npx', ['-y', '@chatapp-isv/cli', 'validate', 'customers.csv'], at(dir));
      expect(stdout).toContain('1 rows: 1 valid, 0 invalid');
      const withAccount = {
        ...env,
        CHATAPP_ISV_ENDPOINT: emu.endpoint,
        ALIBABA_CLOUD_ACCESS_KEY_ID: account!.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: account!.accessKeySecret,
      };
      await mustRun(
        'npx',
        ['-y', '@chatapp-isv/cli', 'onboard', 'customers.csv', '--yes'],
        at(dir, INSTALL_MS, withAccount),
      );
      expect(emu.submissions()).toEqual([
        expect.objectContaining({ custSpaceId: account!.custSpaceIds[0], isvTerms: 'acme.pdf' }),
      ]);
      const installed = await npxInstallOf(env, '@chatapp-isv/cli', registry!.url);
      expect(installed, 'npx installed @chatapp-isv/cli from this run`s registry').toBeDefined();
      const report = await inspectInstall(installed!, registry!.url);
      expect(report.problems).toEqual([]);
      expect([...report.ours].sort()).toEqual(
        ['batch', 'cli', 'core', 'quota-redis'].map(
          (name) => `@chatapp-isv/${name}@${versionOf(`@chatapp-isv/${name}`)}`,
        ),
      );
    } finally {
      await emu.close();
    }
  },
  TEST_MS,
);

it(
  'a TypeScript library user installs core and the emulator, type-checks, and onboards a customer from ESM and CommonJS',
  async () => {
    showRegistryLogOnFailure();
    const dir = await folder('library-user');
    await mustRun('npm', ['init', '-y'], at(dir, QUICK_MS));
    const [typescript, typesNode] = [await catalogVersion('typescript'), await catalogVersion('@types/node')];
    await mustRun(
      'npm',
      ['install', '@chatapp-isv/core', '@chatapp-isv/emulator', `typescript@${typescript}`, `@types/node@${typesNode}`],
      at(dir),
    );
    const report = await inspectInstall(dir, registry!.url);
    expect(report.problems).toEqual([]);
    expect(report.ours).toEqual([
      `@chatapp-isv/core@${versionOf('@chatapp-isv/core')}`,
      `@chatapp-isv/emulator@${versionOf('@chatapp-isv/emulator')}`,
    ]);

    await writeLibraryUser(dir);
    await mustRun(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], at(dir, QUICK_MS));
    for (const program of ['onboard.mjs', 'onboard.cjs']) {
      const { stdout } = await mustRun(process.execPath, [program], at(dir, QUICK_MS));
      const run = JSON.parse(stdout.trim().split('\n').pop()!) as OnboardReport;
      expect(run.recorded, program).toEqual([
        { custSpaceId: run.custSpaceId, requestId: run.requestId, isvTerms: run.isvTerms },
      ]);
      expect(run.isvTerms, program).toMatch(/\.pdf$/);
    }
  },
  TEST_MS,
);

it(
  '`npx @chatapp-isv/emulator --port 0` prints its endpoint and keys, serves a real submission, and stops on SIGTERM',
  async () => {
    showRegistryLogOnFailure();
    const dir = await folder('npx-emulator');
    const emulator = startBackground(
      'npx',
      ['-y', '@chatapp-isv/emulator', '--port', '0', '--host', '127.0.0.1'],
      at(dir),
    );
    try {
      const first = JSON.parse(await emulator.firstLine) as {
        endpoint: string;
        accounts: { accessKeyId: string; accessKeySecret: string; custSpaceIds: string[] }[];
      };
      expect(first.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const [account] = first.accounts;
      await writeFile(join(dir, 'terms.pdf'), onePagePdf('Agreement sent to the npx emulator'));
      const client = createIsvTermsClient({
        endpoint: first.endpoint,
        credentials: { accessKeyId: account!.accessKeyId, accessKeySecret: account!.accessKeySecret },
      });
      const result = await client.submitCustomerTerms({
        custSpaceId: account!.custSpaceIds[0]!,
        custName: 'Npx Trading Pte. Ltd.',
        officeAddress: '1 Example Road, Singapore 000001',
        contactMail: 'legal@npx-trading.example',
        countryId: 'SG',
        businessDesc: 'Order updates over WhatsApp',
        termsFile: join(dir, 'terms.pdf'),
      });
      expect(result.submit.requestId).not.toBe('');
    } finally {
      const ended = await emulator.stop();
      expect(ended.code === 0 || ended.signal === 'SIGTERM', JSON.stringify(ended)).toBe(true);
    }
    const installed = await npxInstallOf(env, '@chatapp-isv/emulator', registry!.url);
    expect(installed).toBeDefined();
    expect((await inspectInstall(installed!, registry!.url)).problems).toEqual([]);
  },
  TEST_MS,
);

it(
  'a copy of the Pulumi example installs from the registry and runs up, preview and destroy against the emulator',
  async () => {
    showRegistryLogOnFailure();
    const dir = await folder('pulumi-project');
    const home = await folder('pulumi-home');
    await mkdir(join(home, 'state'));
    // The example's package.json is what a user copies: it must name ranges a registry resolves.
    expect(await copyPulumiExample(dir)).toEqual([]);
    await mustRun('npm', ['install'], at(dir));
    const report = await inspectInstall(dir, registry!.url);
    expect(report.problems).toEqual([]);
    expect(report.ours).toEqual([
      `@chatapp-isv/core@${versionOf('@chatapp-isv/core')}`,
      `@chatapp-isv/emulator@${versionOf('@chatapp-isv/emulator')}`,
      `@chatapp-isv/pulumi-provider@${versionOf('@chatapp-isv/pulumi-provider')}`,
      `@chatapp-isv/quota-redis@${versionOf('@chatapp-isv/quota-redis')}`,
    ]);

    const emu: Emulator = await startEmulator({
      host: '127.0.0.1',
      seed: join(pulumiExampleDir, 'emulator-seed.json'),
    });
    try {
      const penv = pulumiEnv(env, await pulumiCliDir(), home);
      const pulumi = (...args: string[]) => mustRun('pulumi', [...args, '--non-interactive'], at(dir, PULUMI_MS, penv));
      await pulumi('login', `file://${join(home, 'state')}`);
      await pulumi('stack', 'init', 'dev');
      await pulumi('config', 'set', 'chatapp-isv:endpoint', emu.endpoint);
      await pulumi('config', 'set', 'alicloud:accessKey', 'example-access-key-id');
      await pulumi('config', 'set', '--secret', 'alicloud:secretKey', 'example-access-key-secret');

      const up = await pulumi('up', '--yes');
      expect(up.stdout).toMatch(/\+ 4 created/);
      const spaces = emu.accounts[0]!.custSpaceIds;
      expect(
        emu
          .submissions()
          .map((s) => s.custSpaceId)
          .sort(),
      ).toEqual([...spaces].sort());

      const requests = emu.stats().requests;
      const preview = await pulumi('preview', '--expect-no-changes');
      expect(preview.stdout).toMatch(/4 unchanged/);
      expect(emu.stats().requests).toBe(requests);

      const destroy = await pulumi('destroy', '--yes');
      expect(destroy.stdout).toMatch(/- 4 deleted/);
    } finally {
      await emu.close();
    }
  },
  TEST_MS,
);

function versionOf(name: string): string {
  const pkg = packed.find((candidate) => candidate.name === name);
  if (pkg === undefined) throw new Error(`${name} was not packed`);
  return pkg.version;
}
