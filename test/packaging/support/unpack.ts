// Reads a packed tarball the way a registry user receives it: extracted into a folder of its own (`<dir>/package/`),
// with its file list, sizes and the manifest that was published (specifiers already rewritten by `pnpm pack`).
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The published package.json fields the checks read. */
export interface PublishedManifest {
  name: string;
  version: string;
  license?: string;
  type?: string;
  main?: string;
  types?: string;
  engines?: { node?: string };
  exports?: Record<string, unknown>;
  typesVersions?: Record<string, Record<string, string[]>>;
  bin?: Record<string, string>;
  files?: string[];
  repository?: { type?: string; url?: string; directory?: string };
  homepage?: string;
  keywords?: string[];
  publishConfig?: { access?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** An extracted tarball. */
export interface UnpackedPackage {
  /** The `package/` folder the tarball extracts to. */
  readonly root: string;
  /** Every file, relative to `root`, with `/` separators. */
  readonly files: ReadonlyMap<string, number>;
  /** The sum of the files' sizes in bytes (npm's "unpacked size"). */
  readonly unpackedSize: number;
  readonly manifest: PublishedManifest;
}

/** Extracts `tarball` under `destination` and lists what it holds. */
export async function unpack(tarball: string, destination: string): Promise<UnpackedPackage> {
  await mkdir(destination, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', destination]);
  const root = join(destination, 'package');
  const files = new Map<string, number>();
  for (const path of walk(root)) files.set(relative(root, path).split('\\').join('/'), statSync(path).size);
  const unpackedSize = [...files.values()].reduce((sum, size) => sum + size, 0);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PublishedManifest;
  return { root, files, unpackedSize, manifest };
}

/** Every file target named by `exports` (all conditions, all subpaths), `main`, `types`, `typesVersions` and `bin`. */
export function entryFiles(manifest: PublishedManifest): string[] {
  const targets = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.add(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  collect(manifest.main);
  collect(manifest.types);
  collect(manifest.bin);
  Object.values(manifest.typesVersions ?? {}).forEach((map) => Object.values(map).forEach(collect));
  return [...targets].filter((target) => !target.includes('*')).map((target) => target.replace(/^\.\//, ''));
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
