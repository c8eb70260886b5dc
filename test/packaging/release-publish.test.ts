// The publishing step of a release, as the README's "Releasing" section runs it (`changeset publish`, the last step
// of `npm run release`), aimed at a real npm registry on loopback instead of the public one: every package goes out
// through `pnpm publish` with its `workspace:` and `catalog:` ranges made real, and a second run publishes nothing,
// so a release that stopped half-way is finished by running it again. No git tag is written into the workspace.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { startLocalRegistry, upstreamRegistry, type LocalRegistry } from './support/local-registry.js';
import { pnpmCommand, publishablePackages, workspaceRoot } from './support/pack-workspace.js';
import { mustRun, type CommandOptions } from './support/run-command.js';

// Bounds for a hung step, not expectations: publishing seven packages takes about half a minute.
const PUBLISH_MS = 4 * 60_000;
const QUICK_MS = 60_000;

let root: string;
let registry: LocalRegistry | undefined;

/** The environment of a maintainer whose npm points at the local registry (and only there). */
function maintainer(): CommandOptions {
  const pnpm = pnpmCommand();
  const pnpmDir = pnpm === 'pnpm' ? undefined : dirname(pnpm);
  return {
    cwd: workspaceRoot,
    timeoutMs: PUBLISH_MS,
    env: {
      ...process.env,
      // changeset publish runs `pnpm publish` by name: the pinned pnpm must be on PATH.
      PATH: [pnpmDir, process.env.PATH].filter((part) => part !== undefined).join(delimiter),
      npm_config_registry: registry!.url,
      npm_config_userconfig: registry!.userconfig,
      // pnpm refuses to publish from a branch other than main or a tree with changes; a test run has both.
      npm_config_git_checks: 'false',
      NO_COLOR: '1',
    },
  };
}

/** `changeset publish` without git tags, as the maintainer above; its whole output. */
async function changesetPublish(): Promise<string> {
  const { stdout, stderr } = await mustRun(
    pnpmCommand(),
    ['exec', 'changeset', 'publish', '--no-git-tag'],
    maintainer(),
  );
  return `${stdout}\n${stderr}`;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'chatapp-isv-release-'));
  registry = await startLocalRegistry(join(root, 'verdaccio'), await upstreamRegistry(workspaceRoot));
}, QUICK_MS * 2);

afterAll(async () => {
  await registry?.stop();
  await rm(root, { recursive: true, force: true });
});

it(
  'publishes every package at its version, with the ranges a registry user resolves',
  async () => {
    onTestFailed(() => {
      process.stderr.write(`--- registry log ---\n${registry?.logTail() ?? ''}\n`);
    });
    const output = await changesetPublish();
    for (const pkg of publishablePackages()) {
      expect(output).toContain(`${pkg.name}@${pkg.version}`);
      const view = await mustRun('npm', ['view', `${pkg.name}@${pkg.version}`, '--json', '--registry', registry!.url], {
        ...maintainer(),
        timeoutMs: QUICK_MS,
      });
      const published = JSON.parse(view.stdout) as {
        version: string;
        license: string;
        dependencies?: Record<string, string>;
        dist: { tarball: string };
      };
      expect(published.version).toBe(pkg.version);
      expect(published.license).toBe('Apache-2.0');
      expect(published.dist.tarball.startsWith(registry!.url)).toBe(true);
      for (const [dependency, range] of Object.entries(published.dependencies ?? {})) {
        expect(range, `${pkg.name} → ${dependency}`).toMatch(/^\^\d+\.\d+\.\d+$/);
      }
    }
  },
  PUBLISH_MS,
);

it(
  'publishes nothing the second time: the registry has every version, so a re-run only finishes a broken release',
  async () => {
    const output = await changesetPublish();
    for (const pkg of publishablePackages()) {
      expect(output).toMatch(
        new RegExp(
          `${pkg.name.replace('/', '\\/')} is not being published because version ${pkg.version.replace(/\./g, '\\.')} is already published`,
        ),
      );
    }
  },
  PUBLISH_MS,
);
