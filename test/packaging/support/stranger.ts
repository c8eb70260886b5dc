// The install test's stranger: a machine that knows our packages only from a registry. npm is configured through the
// environment and a userconfig naming the local registry; folders are fresh ones in the OS temp dir; nothing of the
// workspace is on PATH or NODE_PATH. After an install, inspectInstall says whether anything still points back.
import { lstat, mkdir, mkdtemp, readdir, readFile, realpath, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import type { LocalRegistry } from './local-registry.js';
import { workspaceRoot } from './pack-workspace.js';
import { mustRun } from './run-command.js';

/** Variables a developer's shell, `npm run`, pnpm or vitest set that would tie a child to this workspace. */
const WORKSPACE_VARIABLES = /^(npm_|pnpm_|node_path$|node_options$|init_cwd$|pulumi_|alibaba_cloud_|chatapp_isv_)/i;

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** process.env without the workspace's traces, with npm pointed at `registry` and loopback kept off any proxy. */
function cleanEnv(registry: LocalRegistry): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !WORKSPACE_VARIABLES.test(key)) env[key] = value;
  }
  env['PATH'] = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '' && !inside(dir, workspaceRoot))
    .join(delimiter);
  env['npm_config_registry'] = registry.url;
  env['npm_config_userconfig'] = registry.userconfig;
  const noProxy = [process.env['NO_PROXY'] ?? process.env['no_proxy'], '127.0.0.1', 'localhost'].filter(Boolean);
  env['NO_PROXY'] = env['no_proxy'] = noProxy.join(',');
  return env;
}

/**
 * The stranger's environment. npm's cache is the machine's default one for tarballs and metadata (`_cacache`, linked
 * into `dir`), so repeated runs download little; but npx's install folders (`_npx`) start empty in `dir`: npx keeps
 * what it installed earlier when the version still matches, and every run republishes the same version with
 * possibly different contents, so a shared `_npx` would run the previous run's packages.
 */
export async function strangerEnv(registry: LocalRegistry, dir: string): Promise<NodeJS.ProcessEnv> {
  const env = cleanEnv(registry);
  const { stdout } = await mustRun('npm', ['config', 'get', 'cache'], { cwd: tmpdir(), env, timeoutMs: 30_000 });
  const contentCache = join(stdout.trim(), '_cacache');
  await mkdir(contentCache, { recursive: true });
  const cache = join(dir, 'npm-cache');
  await mkdir(cache, { recursive: true });
  await symlink(contentCache, join(cache, '_cacache'), 'dir');
  env['npm_config_cache'] = cache;
  return env;
}

/** A fresh folder in the OS temp dir (its real path), refused if that lies inside the workspace. */
export async function strangerFolder(prefix: string): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), prefix)));
  if (inside(dir, await realpath(workspaceRoot))) throw new Error(`the temp folder ${dir} lies inside the workspace`);
  return dir;
}

/** What an install left in a project folder. */
export interface InstallReport {
  /** `@chatapp-isv/*` packages at the top of node_modules, as `name@version`, sorted. */
  readonly ours: string[];
  /** Every way the install points outside the folder or the registry; empty when it is clean. */
  readonly problems: string[];
}

interface LockEntry {
  version?: string;
  resolved?: string;
  link?: boolean;
  inBundle?: boolean;
}

async function filesUnder(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
  }
  return files;
}

/**
 * Checks `projectDir` after `npm install`: every package in package-lock.json (ours and third-party) came from
 * `registryUrl` and none is a link; node_modules/@chatapp-isv/* are real folders inside the project; and no file of
 * ours names the workspace's path.
 */
export async function inspectInstall(projectDir: string, registryUrl: string): Promise<InstallReport> {
  const problems: string[] = [];
  const lock = JSON.parse(await readFile(join(projectDir, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.inBundle === true) continue;
    if (entry.link === true) problems.push(`${key} is a link to ${entry.resolved}`);
    else if (entry.resolved === undefined || !entry.resolved.startsWith(registryUrl))
      problems.push(`${key} resolved from ${entry.resolved ?? 'nowhere'}, not the local registry`);
  }
  const ours: string[] = [];
  const scope = join(projectDir, 'node_modules', '@chatapp-isv');
  const names = await readdir(scope).catch(() => [] as string[]);
  const root = await realpath(workspaceRoot);
  for (const name of names.sort()) {
    const dir = join(scope, name);
    if ((await lstat(dir)).isSymbolicLink()) problems.push(`node_modules/@chatapp-isv/${name} is a symlink`);
    const real = await realpath(dir);
    if (!inside(real, projectDir)) problems.push(`node_modules/@chatapp-isv/${name} is really ${real}`);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version: string };
    ours.push(`@chatapp-isv/${name}@${manifest.version}`);
    for (const file of await filesUnder(dir)) {
      if ((await readFile(file, 'utf8')).includes(root))
        problems.push(`${file.slice(projectDir.length + 1)} names the workspace folder`);
    }
  }
  return { ours, problems };
}

/**
 * The folder npx installed `name` into: the entry of the npx cache whose package-lock.json resolved `name` from
 * `registryUrl` (a loopback URL with this run's port). Undefined when there is none.
 */
export async function npxInstallOf(
  env: NodeJS.ProcessEnv,
  name: string,
  registryUrl: string,
): Promise<string | undefined> {
  const { stdout } = await mustRun('npm', ['config', 'get', 'cache'], { cwd: tmpdir(), env, timeoutMs: 30_000 });
  const npxCache = join(stdout.trim(), '_npx');
  const found: { dir: string; mtimeMs: number }[] = [];
  for (const hash of await readdir(npxCache).catch(() => [] as string[])) {
    const lockFile = join(npxCache, hash, 'package-lock.json');
    const lock = JSON.parse(await readFile(lockFile, 'utf8').catch(() => '{}')) as {
      packages?: Record<string, LockEntry>;
    };
    const resolved = lock.packages?.[`node_modules/${name}`]?.resolved;
    if (resolved?.startsWith(registryUrl))
      found.push({ dir: join(npxCache, hash), mtimeMs: (await stat(lockFile)).mtimeMs });
  }
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs)[0]?.dir;
}
