// What each tarball a release would publish contains, held against its package.json and its README: the code and
// nothing of the build (no build info, maps, sources or tests); every entry point present; dependencies as ranges a
// registry resolves; complete metadata; and every import, name and `npx` command the README shows, real.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packWorkspace, publishablePackages } from './support/pack-workspace.js';
import { exportedNames, readmeImports, readmeNpxPackages, relativeLinks } from './support/readme-promises.js';
import { entryFiles, unpack, type UnpackedPackage } from './support/unpack.js';

// Unpacked sizes before this packaging work (build info and source maps included), from `pnpm pack` of 0.1.0. A
// tarball may take at most half of it, or the share the root README's "Package sizes" table explains.
const SIZE_BEFORE: Record<string, number> = {
  '@chatapp-isv/batch': 197_154,
  '@chatapp-isv/cli': 174_086,
  '@chatapp-isv/core': 459_086,
  '@chatapp-isv/emulator': 430_055,
  '@chatapp-isv/mcp-server': 426_908,
  '@chatapp-isv/pulumi-provider': 268_488,
  '@chatapp-isv/quota-redis': 131_109,
};
// core, emulator and mcp-server keep a README of 40–61 KB (the whole reference) and commented JavaScript, so they
// land between half and two thirds (README, "Package sizes", which a new limit here must explain).
const SIZE_SHARE: Record<string, number> = {
  '@chatapp-isv/core': 0.65,
  '@chatapp-isv/emulator': 0.65,
  '@chatapp-isv/mcp-server': 0.65,
};

const work = mkdtempSync(join(tmpdir(), 'chatapp-isv-contents-'));
const unpacked = new Map<string, UnpackedPackage>();

beforeAll(async () => {
  for (const pkg of await packWorkspace(join(work, 'tarballs'))) {
    unpacked.set(pkg.name, await unpack(pkg.tarball, join(work, basename(pkg.tarball, '.tgz'))));
  }
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.each(publishablePackages().map((pkg) => [pkg.name, pkg.dir] as const))('%s', (name, dir) => {
  it('ships its code with README, LICENSE and CHANGELOG, and nothing of the build', () => {
    const { files } = unpacked.get(name)!;
    expect([...files.keys()]).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']));
    const leftovers = [...files.keys()].filter((file) =>
      /\.map$|\.tsbuildinfo$|^src\/|^test\/|\.test\.|(^|\/)tsconfig/.test(file),
    );
    expect(leftovers).toEqual([]);
    expect(readFileSync(join(unpacked.get(name)!.root, 'LICENSE'), 'utf8')).toContain('Apache License');
  });

  it('compiles only sources that exist: nothing left in dist/ by an older build', () => {
    const { files } = unpacked.get(name)!;
    const orphans = [...files.keys()]
      .filter((file) => file.startsWith('dist/'))
      .filter(
        (file) => !existsSync(join(dir, 'src', file.slice('dist/'.length).replace(/(\.d)?\.js$|\.d\.ts$/, '.ts'))),
      );
    expect(orphans).toEqual([]);
  });

  it('holds every file its package.json points at, and its bins are node scripts', () => {
    const { files, manifest, root } = unpacked.get(name)!;
    expect(entryFiles(manifest).filter((file) => !files.has(file))).toEqual([]);
    for (const bin of Object.values(manifest.bin ?? {})) {
      expect(readFileSync(join(root, bin), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    }
  });

  it('depends on version ranges a registry resolves, our own packages at this release', () => {
    const { manifest } = unpacked.get(name)!;
    const all = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    for (const [dependency, range] of Object.entries(all)) {
      expect(range, dependency).toMatch(/^\^\d+\.\d+\.\d+$/);
      if (dependency.startsWith('@chatapp-isv/')) expect(range, dependency).toBe(`^${manifest.version}`);
    }
  });

  it('says where it comes from, under which licence, for which Node, and publishes publicly', () => {
    const { manifest } = unpacked.get(name)!;
    expect(manifest.license).toBe('Apache-2.0');
    expect(manifest.repository?.directory).toBe(`packages/${basename(dir)}`);
    expect(manifest.homepage).toMatch(/^https:\/\/.+#readme$/);
    expect(manifest.publishConfig?.access).toBe('public');
    expect(manifest.engines?.node).toMatch(/^>=\d+/);
    expect(manifest.keywords?.length).toBeGreaterThan(0);
  });

  it('keeps every promise of its README: imports, exported names, npx commands, absolute links', () => {
    const { root } = unpacked.get(name)!;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(relativeLinks(readme)).toEqual([]);
    for (const { specifier, names } of readmeImports(readme)) {
      const [, scope, packageName, subpath] = /^(@chatapp-isv)\/([^/]+)(\/.*)?$/.exec(specifier)!;
      const target = unpacked.get(`${scope}/${packageName}`);
      expect(target, `${specifier} is not a published package`).toBeDefined();
      const entry = exportTypes(target!, subpath === undefined ? '.' : `.${subpath}`);
      expect(entry, `${specifier} is not an export of the package`).toBeDefined();
      const exported = exportedNames(target!.root, entry!);
      expect(
        names.filter((exportedName) => !exported.has(exportedName)),
        specifier,
      ).toEqual([]);
    }
    for (const npxPackage of readmeNpxPackages(readme)) {
      expect(Object.keys(unpacked.get(npxPackage)?.manifest.bin ?? {}), npxPackage).toHaveLength(1);
    }
  });

  it(`is smaller than before, at most the share of its former size the README explains`, () => {
    const share = SIZE_SHARE[name] ?? 0.5;
    expect(unpacked.get(name)!.unpackedSize).toBeLessThanOrEqual(SIZE_BEFORE[name]! * share);
  });
});

/** The `types` file of an `exports` subpath. */
function exportTypes(pkg: UnpackedPackage, subpath: string): string | undefined {
  const entry = pkg.manifest.exports?.[subpath];
  const types = typeof entry === 'object' && entry !== null ? (entry as { types?: unknown }).types : undefined;
  return typeof types === 'string' ? types.replace(/^\.\//, '') : undefined;
}
