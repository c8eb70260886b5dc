// The two linters the JavaScript ecosystem trusts for packaging, run on the tarballs a release would publish:
// publint (package.json against the files really packed) and Are the Types Wrong (how TypeScript and Node resolve
// every entry point, under node10, node16 from CommonJS and from ESM, and bundlers). Both must report nothing.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packWorkspace, publishablePackages, workspaceRoot, type PackedPackage } from './support/pack-workspace.js';
import { unpack } from './support/unpack.js';

const run = promisify(execFile);
const attwBin = join(workspaceRoot, 'test', 'node_modules', '.bin', 'attw');

// Our packages are ES modules and say `engines.node >= 20.19`: from that version on, Node's require() loads an ES
// module (the install test proves it with a CommonJS program against the installed core). attw still reports that
// as "CJS resolves to ESM", written for older Nodes, so that one rule is off; every other rule applies.
const ATTW_IGNORED_RULES = ['cjs-resolves-to-esm'];

interface AttwReport {
  analysis: { problems?: { kind: string; entrypoint?: string; resolutionKind?: string }[] };
  problems?: Record<string, unknown[]>;
}

const work = mkdtempSync(join(tmpdir(), 'chatapp-isv-lint-'));
const packed = new Map<string, PackedPackage>();

beforeAll(async () => {
  for (const pkg of await packWorkspace(join(work, 'tarballs'))) packed.set(pkg.name, pkg);
}, 180_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe.each(publishablePackages().map((pkg) => pkg.name))('%s', (name) => {
  it('publint reports no error, warning or suggestion on the tarball', async () => {
    const pkg = packed.get(name)!;
    // Extracted, every file is one the registry serves: publint reads the folder as it reads node_modules.
    const { root } = await unpack(pkg.tarball, join(work, 'publint', name));
    const result = await publint({ pkgDir: root, pack: false, level: 'suggestion' });
    const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    const messages = result.messages.map((message) => `${message.type}: ${formatMessage(message, manifest)}`);
    expect(messages).toEqual([]);
  });

  it('Are the Types Wrong finds every entry point resolvable, typed and in the right format', async () => {
    const pkg = packed.get(name)!;
    const { stdout } = await run(attwBin, [pkg.tarball, '--format', 'json', '--ignore-rules', ...ATTW_IGNORED_RULES], {
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as AttwReport;
    const problems = (report.analysis.problems ?? [])
      .filter((problem) => !ATTW_IGNORED_RULES.includes(ruleName(problem.kind)))
      .map((problem) => `${problem.kind} at ${problem.entrypoint ?? '.'} (${problem.resolutionKind ?? 'any'})`);
    expect(problems).toEqual([]);
  });
});

/** attw's rule names are its problem kinds in kebab case (`CJSResolvesToESM` → `cjs-resolves-to-esm`). */
function ruleName(kind: string): string {
  return kind
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
}
