// Shared test plumbing. Two rules shape it:
// 1. The provider and @pulumi/pulumi are loaded with Node's own `require`, not through vitest's transform: Pulumi
//    serializes functions by their source text, and transformed text would capture vitest internals.
// 2. A "project" is a temporary folder whose node_modules holds only what a user's Pulumi project would list as
//    direct dependencies (@pulumi/pulumi and @chatapp-isv/pulumi-provider), like pnpm's strict layout, so anything
//    that needs our transitive dependencies to be visible from the project fails here as it would for a user.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import type * as Core from '@chatapp-isv/core';
import type * as ProviderPackage from '@chatapp-isv/pulumi-provider';
import type * as Pulumi from '@pulumi/pulumi';
import { onePagePdf } from '../../../test/support/one-page-pdf.js';

export const nativeRequire = createRequire(import.meta.url);
export const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(dirname(packageRoot));

/** The provider package as built in dist/, loaded natively. */
export function loadProviderPackage(): typeof ProviderPackage {
  return nativeRequire('@chatapp-isv/pulumi-provider');
}

/** @pulumi/pulumi, loaded natively (one instance shared with the provider package). */
export function loadPulumi(): typeof Pulumi {
  return nativeRequire('@pulumi/pulumi');
}

/** A small but well-formed one-page PDF whose text is `text`. */
export function pdfBytes(text: string): Buffer {
  return onePagePdf(text, { x: 56, y: 760 });
}

/** A temporary Pulumi-project-like folder; `node_modules` holds only the two direct dependencies. */
export interface TestProject {
  dir: string;
  /** Writes a PDF (relative path) into the project and returns the relative path. */
  writePdf(relativePath: string, text: string): Promise<string>;
  remove(): Promise<void>;
}

/** Creates a project folder in the OS temp dir with `@pulumi/pulumi` and this package linked in. */
export async function createTestProject(prefix = 'isv-terms-project-'): Promise<TestProject> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  await mkdir(join(dir, 'node_modules', '@chatapp-isv'), { recursive: true });
  await mkdir(join(dir, 'node_modules', '@pulumi'), { recursive: true });
  await symlink(packageRoot, join(dir, 'node_modules', '@chatapp-isv', 'pulumi-provider'), 'dir');
  const pulumiDir = dirname(nativeRequire.resolve('@pulumi/pulumi/package.json'));
  await symlink(await realpath(pulumiDir), join(dir, 'node_modules', '@pulumi', 'pulumi'), 'dir');
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'isv-terms-test-project', private: true }, null, 2),
  );
  return {
    dir,
    async writePdf(relativePath, text) {
      await mkdir(dirname(join(dir, relativePath)), { recursive: true });
      await writeFile(join(dir, relativePath), pdfBytes(text));
      return relativePath;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Test credentials: generated names, obviously fake. */
export const TEST_ACCESS_KEY_ID = 'test-access-key-id-pulumi';
export const TEST_ACCESS_KEY_SECRET = 'test-secret-value-that-must-never-leak-0123456789';

/** Space IDs `prefix-1` … `prefix-n`. */
export function spaceIds(count: number, prefix = 'space'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
}

/** Starts the emulator on 127.0.0.1 with one permitted account owning `spaces`. */
export async function startTestEmulator(spaces: string[]): Promise<Emulator> {
  return startEmulator({
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
      ],
    },
  });
}

/** Company details for space `custSpaceId`, valid for core's schemas. */
export function companyDetails(custSpaceId: string, name = 'Example Trading Pte. Ltd.') {
  return {
    custSpaceId,
    custName: name,
    officeAddress: '1 Example Road, Singapore 000001',
    contactMail: 'legal@example-trading.example',
    countryId: 'SG',
    businessDesc: 'Customer support notifications',
  };
}

/** A dynamic.Config over a plain map (what the Pulumi host hands to `configure`). */
export function configOf(values: Record<string, string>): {
  get(key: string): string | undefined;
  require(key: string): string;
} {
  return {
    get: (key) => values[key],
    require: (key) => {
      const value = values[key];
      if (value === undefined) throw new Error(`Missing required configuration key: ${key}`);
      return value;
    },
  };
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the emulator lives in this process). */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The folder holding the `pulumi` CLI: $PULUMI_CLI_DIR, else `pulumi` on PATH, else whatever
 * scripts/install-pulumi-cli.sh builds (slow the first time, cached afterwards). Throws, never skips.
 */
export async function findPulumiCliDir(): Promise<string> {
  const fromEnv = process.env['PULUMI_CLI_DIR'];
  if (fromEnv && existsSync(join(fromEnv, 'pulumi'))) return fromEnv;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'pulumi'))) return dir;
  }
  const script = join(repoRoot, 'scripts', 'install-pulumi-cli.sh');
  if (!existsSync(script))
    throw new Error(
      'no Pulumi CLI: PULUMI_CLI_DIR is unset, `pulumi` is not on PATH and scripts/install-pulumi-cli.sh is missing',
    );
  const result = await run('bash', [script], { cwd: repoRoot });
  const lines = result.stdout.trim().split('\n');
  const dir = lines[lines.length - 1] ?? '';
  if (result.code !== 0 || !existsSync(join(dir, 'pulumi'))) {
    throw new Error(
      `no Pulumi CLI: scripts/install-pulumi-cli.sh exited with ${result.code}:\n${result.stderr.slice(-2000)}`,
    );
  }
  return dir;
}

/** Environment for a Pulumi CLI run that stays inside `home` and a local file backend, never the network. */
export function pulumiEnv(cliDir: string, home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The provider inherits the CLI's environment: keep ambient Alibaba Cloud credentials out of the tests, and
    // NODE_PATH (set by pnpm's bin shims), which would make every hoisted package resolvable from the project.
    if (value === undefined || key === 'NODE_PATH' || key.startsWith('ALIBABA_CLOUD_') || key.startsWith('PULUMI_'))
      continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: `${cliDir}${delimiter}${process.env['PATH'] ?? ''}`,
    PULUMI_HOME: join(home, 'pulumi-home'),
    PULUMI_BACKEND_URL: `file://${join(home, 'state')}`,
    PULUMI_CONFIG_PASSPHRASE: 'test-passphrase',
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    PULUMI_SKIP_CONFIRMATIONS: 'true',
    NO_COLOR: '1',
    ...extra,
  };
}

/** Operations that change what is on record or in OSS (read-back's ListInstance is not one of them). */
const WRITE_OPERATIONS = ['PutObject', 'SubmitIsvCustomerTerms', 'UpdateInstance', 'CreateInstance'] as const;

/** How many write requests the emulator has received so far. */
export function writeRequests(emu: Emulator): number {
  const operations = emu.stats().operations as Record<string, { requests: number } | undefined>;
  return WRITE_OPERATIONS.reduce((sum, operation) => sum + (operations[operation]?.requests ?? 0), 0);
}

/** A core client of the test account for changes made "out of band" (outside Pulumi), e.g. through UpdateInstance. */
export function outOfBandClient(emu: Emulator, apiGeneration: 'legacy' | 'instance' = 'instance') {
  const core = nativeRequire('@chatapp-isv/core') as typeof Core;
  return core.createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET },
    apiGeneration,
  });
}
