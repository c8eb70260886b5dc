// The Pulumi side of the install test: examples/pulumi-isv-terms copied out of the repository the way a user copies
// it, the Pulumi CLI the suite uses, and an environment that keeps the CLI in a private home with a file backend.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from './pack-workspace.js';

const execFileAsync = promisify(execFile);

/** The example project the test copies. */
export const pulumiExampleDir = join(workspaceRoot, 'examples', 'pulumi-isv-terms');

/** The files a user copies: the program, the project and TypeScript settings, the manifest and the PDFs. */
const EXAMPLE_ENTRIES = ['Pulumi.yaml', 'package.json', 'tsconfig.json', 'index.ts', 'terms'];

/** Third-party versions of the workspace catalog (pnpm-workspace.yaml), by package name. */
async function catalogVersions(): Promise<Map<string, string>> {
  const text = await readFile(join(workspaceRoot, 'pnpm-workspace.yaml'), 'utf8');
  const section = /^catalog:\n((?:[ \t]+.*\n|\n)*)/m.exec(text)?.[1] ?? '';
  const versions = new Map<string, string>();
  for (const match of section.matchAll(/^\s+'?([^':\s]+)'?:\s*(\S+)\s*$/gm)) versions.set(match[1]!, match[2]!);
  return versions;
}

/** The workspace catalog's version of `name` (what the test installs for a stranger's typescript or @types/node). */
export async function catalogVersion(name: string): Promise<string> {
  const version = (await catalogVersions()).get(name);
  if (version === undefined) throw new Error(`pnpm-workspace.yaml has no catalog entry for ${name}`);
  return version;
}

/**
 * Copies the example into `dest` as a user copies it, unchanged. Returns the specifiers of its package.json that only
 * pnpm understands (`workspace:`, `catalog:`, `link:`, `file:`), as `field.name: spec`; a copyable example has none.
 */
export async function copyPulumiExample(dest: string): Promise<string[]> {
  for (const entry of EXAMPLE_ENTRIES) await cp(join(pulumiExampleDir, entry), join(dest, entry), { recursive: true });
  const manifest = JSON.parse(await readFile(join(dest, 'package.json'), 'utf8')) as Record<string, unknown>;
  const unresolvable: string[] = [];
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = (manifest[field] ?? {}) as Record<string, string>;
    for (const [name, spec] of Object.entries(deps)) {
      if (/^(workspace|catalog|link|file):/.test(spec)) unresolvable.push(`${field}.${name}: ${spec}`);
    }
  }
  return unresolvable;
}

/** The folder holding `pulumi`: $PULUMI_CLI_DIR (set by `npm test`), else what scripts/install-pulumi-cli.sh gives. */
export async function pulumiCliDir(): Promise<string> {
  const fromEnv = process.env['PULUMI_CLI_DIR'];
  if (fromEnv !== undefined && existsSync(join(fromEnv, 'pulumi'))) return fromEnv;
  // Slow only the first time on a machine (it builds the CLI); cached afterwards.
  const { stdout } = await execFileAsync('bash', [join(workspaceRoot, 'scripts', 'install-pulumi-cli.sh')], {
    cwd: workspaceRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  const dir = stdout.trim().split('\n').pop() ?? '';
  if (!existsSync(join(dir, 'pulumi')))
    throw new Error(`scripts/install-pulumi-cli.sh printed "${dir}", which holds no pulumi`);
  return dir;
}

/** `base` plus the CLI on PATH and a private Pulumi home under `home`: no update checks, no plugin downloads. */
export function pulumiEnv(base: NodeJS.ProcessEnv, cliDir: string, home: string): NodeJS.ProcessEnv {
  return {
    ...base,
    PATH: `${cliDir}${delimiter}${base['PATH'] ?? ''}`,
    PULUMI_HOME: join(home, 'pulumi-home'),
    PULUMI_CONFIG_PASSPHRASE: 'install-test-passphrase',
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: 'true',
    PULUMI_SKIP_CONFIRMATIONS: 'true',
    NO_COLOR: '1',
  };
}
