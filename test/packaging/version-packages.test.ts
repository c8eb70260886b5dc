// Cutting a release, step 2 of the README's "Releasing": `changeset version` and then scripts/sync-server-json.mjs,
// as `npm run version-packages` runs them, on a copy of the repository's tracked files (never on the workspace):
// one pending entry bumps every package together (the fixed group), becomes each CHANGELOG's newest section, moves
// the examples' ranges along so the workspace still links them, and the MCP Registry's server.json follows.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishablePackages, workspaceRoot } from './support/pack-workspace.js';

const run = promisify(execFile);
const ENTRY = 'The onboarding now says which customers it skipped, so nothing is left out unnoticed.';

let copy: string;

/** The files of the repository (tracked, and new ones not ignored), copied; the workspace's root node_modules linked, for the changeset CLI. */
async function copyRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chatapp-isv-version-'));
  const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: workspaceRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of stdout.split('\0').filter((name) => name !== '')) {
    if (!existsSync(join(workspaceRoot, file))) continue; // deleted in the working tree, not yet committed
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(workspaceRoot, file), join(dir, file));
  }
  await symlink(join(workspaceRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const json = async <T>(path: string): Promise<T> => JSON.parse(await readFile(join(copy, path), 'utf8')) as T;

beforeAll(async () => {
  copy = await copyRepository();
  // One entry for core alone: the fixed group must carry every other package along.
  await writeFile(join(copy, '.changeset', 'skipped-rows.md'), `---\n'@chatapp-isv/core': minor\n---\n\n${ENTRY}\n`);
  await run(join(copy, 'node_modules', '.bin', 'changeset'), ['version'], {
    cwd: copy,
    env: { ...process.env, NO_COLOR: '1' },
  });
  await run(process.execPath, [join(copy, 'scripts', 'sync-server-json.mjs')], { cwd: copy });
}, 120_000);

afterAll(async () => {
  if (copy !== undefined) await rm(copy, { recursive: true, force: true });
});

/** The next minor version after `version` (0.x: 0.1.3 → 0.2.0). */
function nextMinor(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${minor! + 1}.0`;
}

it('bumps every published package to the same next version, and writes the entry into each changelog', async () => {
  for (const pkg of publishablePackages()) {
    const folder = join('packages', pkg.dir.split(/[\\/]/).at(-1)!);
    const bumped = await json<{ version: string }>(join(folder, 'package.json'));
    expect(bumped.version, pkg.name).toBe(nextMinor(pkg.version));
    const changelog = await readFile(join(copy, folder, 'CHANGELOG.md'), 'utf8');
    expect(changelog.indexOf(`## ${bumped.version}`), pkg.name).toBeGreaterThan(0);
    expect(changelog.indexOf(`## ${bumped.version}`)).toBeLessThan(changelog.indexOf(`## ${pkg.version}`));
  }
  const core = await readFile(join(copy, 'packages', 'core', 'CHANGELOG.md'), 'utf8');
  expect(core).toContain(ENTRY);
  expect(existsSync(join(copy, '.changeset', 'skipped-rows.md'))).toBe(false);
});

it('moves the examples to the new version, so the workspace still links them and a copy installs the release', async () => {
  const next = nextMinor(publishablePackages()[0]!.version);
  for (const example of ['examples/demo/package.json', 'examples/pulumi-isv-terms/package.json']) {
    const manifest = await json<{ dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>(
      example,
    );
    const ours = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([name]) =>
      name.startsWith('@chatapp-isv/'),
    );
    expect(ours.length, example).toBeGreaterThan(0);
    for (const [name, range] of ours) expect(range, `${example} → ${name}`).toBe(`^${next}`);
  }
});

it("gives the MCP Registry's server.json the MCP server's new version", async () => {
  const { version } = await json<{ version: string }>('packages/mcp-server/package.json');
  const serverJson = await json<{ version: string; packages: { version: string }[] }>(
    'packages/mcp-server/server.json',
  );
  expect(serverJson.version).toBe(version);
  expect(serverJson.packages.map((entry) => entry.version)).toEqual([version]);
});
