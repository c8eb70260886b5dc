// What the two Automation API suites share: a private home with a file backend, the CLI wired in the way
// PulumiCommand.get wants it, and the process environment scrubbed (the CLI and the provider host inherit it).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type * as AutomationApi from '@pulumi/pulumi/automation/index.js';
import { findPulumiCliDir, nativeRequire, pulumiEnv } from './helpers.js';

/** The Automation API, loaded by Node itself (vitest's transform would corrupt what Pulumi serializes). */
export const automation: typeof AutomationApi = nativeRequire('@pulumi/pulumi/automation');

/** A private Pulumi home: `home/state` is the file backend, `home/pulumi-home` is PULUMI_HOME. */
export interface EngineHome {
  home: string;
  pulumiCommand: AutomationApi.PulumiCommand;
  envVars: Record<string, string>;
}

/** Finds the CLI, makes a temp home and drops NODE_PATH, ALIBABA_CLOUD_* and PULUMI_* from process.env. */
export async function prepareEngineHome(prefix: string): Promise<EngineHome> {
  const cliDir = await findPulumiCliDir();
  const home = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(home, 'state'), { recursive: true });
  // PulumiCommand.get wants <root>/bin/pulumi; link the CLI folder in as bin/ when it has another name.
  let root = dirname(cliDir);
  if (basename(cliDir) !== 'bin') {
    root = join(home, 'cli');
    await mkdir(root, { recursive: true });
    await symlink(cliDir, join(root, 'bin'), 'dir');
  }
  const pulumiCommand = await automation.PulumiCommand.get({ root });
  const envVars = pulumiEnv(cliDir, home);
  for (const key of Object.keys(process.env)) {
    if (key === 'NODE_PATH' || key.startsWith('ALIBABA_CLOUD_') || key.startsWith('PULUMI_')) delete process.env[key];
  }
  return { home, pulumiCommand, envVars };
}

/** Every file under `dir` (the backend's records: checkpoints, history, backups) as one text; '' if absent. */
export async function filesText(dir: string): Promise<string> {
  const texts: string[] = [];
  async function walk(current: string): Promise<void> {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(current, entry.name));
      else texts.push(await readFile(join(current, entry.name), 'utf8'));
    }
  }
  if (existsSync(dir)) await walk(dir);
  return texts.join('\n');
}
