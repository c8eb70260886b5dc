// The architecture, checked: dependencies point one way (provider and MCP server on core; core on no package of
// ours; the emulator on none), every package's public surface is one explicit barrel, and the emulator stays a
// development-time dependency only.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const packages = ['core', 'emulator', 'pulumi-provider', 'mcp-server', 'batch', 'quota-redis', 'cli'] as const;
type PackageDir = (typeof packages)[number];

/** Which of our packages each one may use at run time. */
const allowed: Record<PackageDir, string[]> = {
  core: [],
  emulator: [],
  'pulumi-provider': ['@chatapp-isv/core', '@chatapp-isv/quota-redis'],
  'mcp-server': ['@chatapp-isv/batch', '@chatapp-isv/core', '@chatapp-isv/quota-redis'],
  batch: ['@chatapp-isv/core'],
  'quota-redis': ['@chatapp-isv/core'],
  // The CLI is a front end over the batch engine, which is itself only core.
  cli: ['@chatapp-isv/batch', '@chatapp-isv/core', '@chatapp-isv/quota-redis'],
};

function manifest(dir: PackageDir): Manifest {
  return JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Manifest;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The @chatapp-isv packages a source file imports, statically or dynamically. */
function ourImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = text.matchAll(/(?:from\s+|import\(\s*|require\(\s*)['"](@chatapp-isv\/[a-z-]+)/g);
  return [...found].map((match) => match[1] as string);
}

describe('architecture', () => {
  it.each(packages)('%s depends at run time only on the packages of ours it may', (dir) => {
    const { dependencies = {}, peerDependencies = {} } = manifest(dir);
    const runtime = Object.keys({ ...dependencies, ...peerDependencies }).filter((name) =>
      name.startsWith('@chatapp-isv/'),
    );
    expect(runtime.sort()).toEqual(allowed[dir]);
  });

  it.each(packages)('%s source imports only the packages of ours it may', (dir) => {
    const offending = sourceFiles(join(root, 'packages', dir, 'src')).flatMap((file) =>
      ourImports(file)
        .filter((name) => !allowed[dir].includes(name) && name !== manifest(dir).name)
        .map((name) => `${relative(root, file)} imports ${name}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps the emulator out of every published package at run time', () => {
    const users = packages.filter((dir) => {
      const { dependencies = {}, peerDependencies = {} } = manifest(dir);
      return '@chatapp-isv/emulator' in { ...dependencies, ...peerDependencies };
    });
    expect(users).toEqual([]);
  });

  it.each(packages)('%s source never imports the shared test support (test/support/)', (dir) => {
    const offending = sourceFiles(join(root, 'packages', dir, 'src'))
      .filter((file) => /['"][./]*test\/support\//.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offending).toEqual([]);
  });

  it.each(packages)('%s exposes one commented barrel with named exports only', (dir) => {
    const index = readFileSync(join(root, 'packages', dir, 'src', 'index.ts'), 'utf8');
    expect(index.startsWith('//') || index.startsWith('/*')).toBe(true);
    expect(index).not.toMatch(/export \*/);
    const { exports } = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
      exports: Record<string, { types?: string; default?: string } | string>;
    };
    expect(exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });
});

describe('file names', () => {
  // One naming rule for every source and test file: kebab-case (`upload-terms-file.ts`), so nobody has to guess.
  const dirs = [...packages.map((dir) => join('packages', dir)), 'test', 'bench', 'examples', 'scripts'];
  const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*$/;

  function tracked(dir: string): string[] {
    return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
      if (['node_modules', 'dist', '.pulumi-state'].includes(entry.name)) return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return tracked(path);
      return /\.(ts|mts|cts|mjs|cjs|js)$/.test(entry.name) ? [path] : [];
    });
  }

  it('are kebab-case everywhere', () => {
    const offending = dirs.flatMap(tracked).filter((path) => !kebab.test(path.split('/').pop() ?? ''));
    expect(offending).toEqual([]);
  });
});
