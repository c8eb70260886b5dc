// What a package README promises a reader, in a form a test can hold the tarball to: the `@chatapp-isv/*` imports
// of its code blocks (module and names), the commands it tells them to run with `npx`, and its links (which must be
// absolute, since a registry page has no neighbouring folders). Also the names a packed `.d.ts` entry exports,
// read with the TypeScript compiler from the extracted files alone.
import { join } from 'node:path';
import ts from 'typescript';

/** One `import { a, b } from '<specifier>'` (or `require`) in a README code block. */
export interface ReadmeImport {
  readonly specifier: string;
  readonly names: readonly string[];
}

/** The code blocks' imports of our packages. */
export function readmeImports(readme: string): ReadmeImport[] {
  const imports: ReadmeImport[] = [];
  const patterns = [
    /import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'(@chatapp-isv\/[^']+)'/g,
    /const\s+\{([^}]*)\}\s*=\s*require\('(@chatapp-isv\/[^']+)'\)/g,
  ];
  for (const block of codeBlocks(readme)) {
    for (const pattern of patterns) {
      for (const match of block.matchAll(pattern)) {
        const names = match[1]!
          .split(',')
          .map((part) => part.trim().replace(/^type\s+/, ''))
          .map((part) => part.split(/\s+as\s+|\s*:\s*/)[0]!.trim())
          .filter((part) => part !== '');
        imports.push({ specifier: match[2]!, names });
      }
    }
  }
  return imports;
}

/** Packages the README runs with `npx [-y] <package>` (not `npx -p`, which names a package and then a bin). */
export function readmeNpxPackages(readme: string): string[] {
  return [...readme.matchAll(/npx\s+(?:-y\s+)?(@chatapp-isv\/[a-z-]+)/g)].map((match) => match[1]!);
}

/** Markdown link targets that are neither absolute URLs nor anchors on the same page. */
export function relativeLinks(readme: string): string[] {
  return [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^(https?:|mailto:|#)/.test(target));
}

/** The names (values and types) the declaration file `entry` under `root` exports. */
export function exportedNames(root: string, entry: string): Set<string> {
  const file = join(root, entry);
  const program = ts.createProgram([file], { noResolve: false, skipLibCheck: true, types: [], noLib: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const symbol = source === undefined ? undefined : checker.getSymbolAtLocation(source);
  if (symbol === undefined) return new Set();
  return new Set(checker.getExportsOfModule(symbol).map((exported) => exported.getName()));
}

function codeBlocks(readme: string): string[] {
  return [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((match) => match[1]!);
}
