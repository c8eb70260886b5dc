// The editor experience of core: every `@example` in core's TSDoc is a consumer program that must compile against
// the built package (dist/index.d.ts, what an editor shows), so an example cannot name an export, an option or a
// field that does not exist. The public entry points also carry `@throws`, and the client options `@default`.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CORE = dirname(dirname(fileURLToPath(import.meta.url)));

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? sources(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]),
    ),
  );
  return nested.flat().filter((path) => path.endsWith('.ts'));
}

/** Every ```ts block inside an `@example` of a doc comment, with where it came from. */
async function examples(): Promise<{ from: string; code: string }[]> {
  const found: { from: string; code: string }[] = [];
  for (const path of await sources(join(CORE, 'src'))) {
    const text = await readFile(path, 'utf8');
    for (const match of text.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
      const code = (match[1] ?? '')
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .join('\n');
      found.push({ from: path.slice(CORE.length + 1), code });
    }
  }
  return found;
}

describe('TSDoc examples', () => {
  it('the public entry points have examples', async () => {
    const from = new Set((await examples()).map((example) => example.from));
    for (const file of ['src/client.ts', 'src/hints.ts', 'src/validation/merge.ts', 'src/validation/file.ts']) {
      expect(from, file).toContain(file);
    }
  });

  it('every example compiles as a consumer of the built package', async () => {
    const found = await examples();
    const dir = await mkdtemp(join(tmpdir(), 'isv-doc-examples-'));
    try {
      await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      const files = await Promise.all(
        found.map(async (example, index) => {
          const file = join(dir, `example-${index}.ts`);
          // Each example is its own module (top-level await needs one).
          await writeFile(file, `${example.code}\nexport {};\n`);
          return file;
        }),
      );
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: ['node'],
        typeRoots: [join(CORE, 'node_modules', '@types')],
        paths: { '@chatapp-isv/core': [join(CORE, 'dist', 'index.d.ts')] },
        skipLibCheck: true,
      });
      const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
        const index = Number(/example-(\d+)\.ts$/.exec(diagnostic.file?.fileName ?? '')?.[1]);
        const source = Number.isNaN(index) ? diagnostic.file?.fileName : found[index]?.from;
        return `${source}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
      expect(problems).toEqual([]);
      expect(files.length).toBeGreaterThanOrEqual(6);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('entry points say what they throw and options their defaults', async () => {
    const client = await readFile(join(CORE, 'src', 'client.ts'), 'utf8');
    expect(client.match(/@throws/g)?.length ?? 0).toBeGreaterThanOrEqual(5);
    expect(client.match(/@default /g)?.length ?? 0).toBeGreaterThanOrEqual(6);
  });
});
