// Packs every publishable package of the workspace the way a release does: `pnpm pack`, which runs each package's
// `prepack` and rewrites `workspace:` and `catalog:` specifiers into the version ranges a registry user gets. The
// packaging checks and the local-registry install test read these tarballs, never the workspace folders.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The workspace root: the folder holding pnpm-workspace.yaml above this file. */
export const workspaceRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A package as packed for a registry. */
export interface PackedPackage {
  /** The package name, e.g. `@chatapp-isv/core`. */
  readonly name: string;
  /** The version in the tarball. */
  readonly version: string;
  /** The package's folder in the workspace (where it was packed from). */
  readonly dir: string;
  /** The absolute path of the `.tgz`. */
  readonly tarball: string;
}

/** The workspace's publishable packages (every `packages/*` not marked private), in folder order. */
export function publishablePackages(): { name: string; version: string; dir: string }[] {
  const packagesDir = join(workspaceRoot, 'packages');
  return readdirSync(packagesDir)
    .sort()
    .map((folder) => join(packagesDir, folder))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name, version: manifest.version, dir }));
}

/**
 * Packs every publishable package into `destination` (created if missing). The packages must be built (`tsc -b`),
 * as `npm test` and `npm run vitest` do first. Packs one at a time: `prepack` writes into the package folder.
 */
export async function packWorkspace(destination: string): Promise<PackedPackage[]> {
  await mkdir(destination, { recursive: true });
  const packed: PackedPackage[] = [];
  for (const pkg of publishablePackages()) {
    const { stdout } = await run(pnpmCommand(), ['pack', '--json', '--pack-destination', destination], {
      cwd: pkg.dir,
      maxBuffer: 16 * 1024 * 1024,
    });
    const report = JSON.parse(stdout) as { filename: string };
    packed.push({ ...pkg, tarball: resolve(destination, report.filename) });
  }
  return packed;
}

/** The pinned pnpm: `CHATAPP_ISV_PNPM` (set by scripts/workspace.mjs), the private copy in .tools/, or PATH's. */
export function pnpmCommand(): string {
  const fromEnv = process.env.CHATAPP_ISV_PNPM;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const local = join(workspaceRoot, '.tools', 'node_modules', '.bin', 'pnpm');
  return existsSync(local) ? local : 'pnpm';
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
}

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('packWorkspace: no pnpm-workspace.yaml above the test support');
    dir = parent;
  }
  return dir;
}
