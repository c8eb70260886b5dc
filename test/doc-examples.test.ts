// The editor experience of every package: each `@example` in a package's TSDoc is a consumer program that must
// compile against the built packages (the `types` each package.json exports, what an editor shows), so an example
// cannot name an export, an option or a field that does not exist. The public entry points also carry `@throws`,
// and their options `@default`. Each package's examples compile from a folder inside that package's node_modules,
// so its own dependencies (e.g. @pulumi/pulumi) resolve as they would for a consumer who installed it.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PACKAGES = join(dirname(dirname(fileURLToPath(import.meta.url))), 'packages');

/** The package folders under packages/, each with its npm name and the declaration file its exports name. */
async function packages(): Promise<{ dir: string; name: string; types: string }[]> {
  const dirs = (await readdir(PACKAGES, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  return Promise.all(
    dirs.map(async (entry) => {
      const dir = join(PACKAGES, entry.name);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        name: string;
        types?: string;
        exports?: { '.'?: { types?: string } };
      };
      const types = manifest.exports?.['.']?.types ?? manifest.types ?? './dist/index.d.ts';
      return { dir, name: manifest.name, types: join(dir, types) };
    }),
  );
}

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? sources(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat().filter((path) => path.endsWith('.ts'));
}

interface Example {
  /** The package folder, e.g. `core`. */
  pkg: string;
  /** The source file, relative to the package, e.g. `src/client.ts`. */
  from: string;
  code: string;
}

/** Every ```ts block inside an `@example` of a doc comment in a package's src/, with where it came from. */
async function examples(dir: string): Promise<Example[]> {
  const found: Example[] = [];
  for (const path of await sources(join(dir, 'src'))) {
    const text = await readFile(path, 'utf8');
    for (const match of text.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
      const code = (match[1] ?? '')
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n');
      found.push({ pkg: dir.slice(PACKAGES.length + 1), from: path.slice(dir.length + 1), code });
    }
  }
  return found;
}

/** The entry points that must show an example, per package folder. */
const ENTRY_POINTS: Record<string, string[]> = {
  core: ['src/client.ts', 'src/hints.ts', 'src/validation/merge.ts', 'src/validation/file.ts'],
  batch: ['src/prepare-batch.ts', 'src/run-batch.ts'],
  'quota-redis': ['src/redis-quota-limiter.ts', 'src/from-env.ts'],
  emulator: ['src/server.ts'],
  'mcp-server': ['src/server.ts'],
  'pulumi-provider': ['src/resource.ts', 'src/provider.ts'],
  cli: ['src/main.ts'],
};

describe('TSDoc examples', () => {
  it('the public entry points of every package have examples', async () => {
    const all = await packages();
    expect(all.map((p) => p.dir.slice(PACKAGES.length + 1)).sort()).toEqual(Object.keys(ENTRY_POINTS).sort());
    for (const { dir } of all) {
      const pkg = dir.slice(PACKAGES.length + 1);
      const from = new Set((await examples(dir)).map((example) => example.from));
      for (const file of ENTRY_POINTS[pkg] ?? []) expect(from, `${pkg}/${file}`).toContain(file);
    }
  });

  it("every example compiles as a consumer of the built packages, with each package's own dependencies", async () => {
    const all = await packages();
    const found: Example[] = [];
    const files: string[] = [];
    const folders: string[] = [];
    try {
      for (const { dir } of all) {
        // Inside node_modules: ignored by git, and module resolution walks up to the package's own node_modules.
        const folder = join(dir, 'node_modules', `.doc-examples-${process.pid}`);
        folders.push(folder);
        await mkdir(folder, { recursive: true });
        await writeFile(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
        for (const example of await examples(dir)) {
          const file = join(folder, `example-${found.length}.ts`);
          // Each example is its own module (top-level await needs one).
          await writeFile(file, `${example.code}\nexport {};\n`);
          found.push(example);
          files.push(file);
        }
      }
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: ['node'],
        typeRoots: [join(PACKAGES, 'core', 'node_modules', '@types')],
        // Our packages as a consumer sees them: the declaration files their package.json exports.
        paths: Object.fromEntries(all.map((p) => [p.name, [p.types]])),
        skipLibCheck: true,
      });
      const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
        const index = Number(/example-(\d+)\.ts$/.exec(diagnostic.file?.fileName ?? '')?.[1]);
        const example = Number.isNaN(index) ? undefined : found[index];
        const source = example === undefined ? diagnostic.file?.fileName : `${example.pkg}/${example.from}`;
        return `${source}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
      expect(problems).toEqual([]);
      expect(new Set(found.map((example) => example.pkg)).size).toBe(all.length);
    } finally {
      await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    }
  });

  it('entry points say what they throw and options their defaults', async () => {
    const count = async (pkg: string, file: string, tag: RegExp) =>
      (await readFile(join(PACKAGES, pkg, file), 'utf8')).match(tag)?.length ?? 0;
    expect(await count('core', 'src/client.ts', /@throws/g)).toBeGreaterThanOrEqual(5);
    expect(await count('core', 'src/client.ts', /@default /g)).toBeGreaterThanOrEqual(6);
    const throwing: [string, string][] = [
      ['batch', 'src/prepare-batch.ts'],
      ['batch', 'src/run-batch.ts'],
      ['quota-redis', 'src/redis-quota-limiter.ts'],
      ['quota-redis', 'src/from-env.ts'],
      ['emulator', 'src/server.ts'],
      ['mcp-server', 'src/server.ts'],
      ['mcp-server', 'src/deps.ts'],
      ['pulumi-provider', 'src/resource.ts'],
      ['cli', 'src/main.ts'],
    ];
    for (const [pkg, file] of throwing) expect(await count(pkg, file, /@throws/g), `${pkg}/${file}`).toBeGreaterThan(0);
    const defaults: [string, string, number][] = [
      ['batch', 'src/run-batch.ts', 3],
      ['batch', 'src/prepare-batch.ts', 2],
      ['quota-redis', 'src/redis-quota-limiter.ts', 6],
      ['emulator', 'src/types.ts', 6],
      ['pulumi-provider', 'src/lifecycle.ts', 4],
      ['pulumi-provider', 'src/resource.ts', 1],
    ];
    for (const [pkg, file, least] of defaults) {
      expect(await count(pkg, file, /@default /g), `${pkg}/${file}`).toBeGreaterThanOrEqual(least);
    }
  });
});
