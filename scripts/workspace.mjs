#!/usr/bin/env node
// The front door: `npm run setup`, `npm run demo`, `npm test` and `npm run bench` on a machine that has only Node.js
// and npm. Each command brings pnpm (the pinned version), installs the workspace from the lockfile, builds it, then
// runs (`setup` stops there and says which pnpm it used).
// `test` also makes a Pulumi CLI available for the end-to-end suites and ends with one line `N passed, N failed`.
// `version` and `release` cut and publish a release with Changesets (README, "Releasing").
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PNPM_VERSION = '12.4.2';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolsDir = join(root, '.tools');

function log(message) {
  process.stderr.write(`[workspace] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function mustRun(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${status}`);
}

/** The pinned pnpm: the one on PATH if it is that version, else a private copy under .tools/. */
function findPnpm() {
  try {
    const version = execFileSync('pnpm', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (version.trim() === PNPM_VERSION) return 'pnpm';
  } catch {
    // not on PATH: fall through to the private copy
  }
  const local = join(toolsDir, 'node_modules', '.bin', 'pnpm');
  if (!existsSync(local)) {
    log(`installing pnpm ${PNPM_VERSION} into .tools/`);
    mkdirSync(toolsDir, { recursive: true });
    mustRun('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', toolsDir, `pnpm@${PNPM_VERSION}`]);
  }
  return local;
}

function installAndBuild() {
  const pnpm = findPnpm();
  log('installing the workspace from the lockfile');
  mustRun(pnpm, ['install', '--frozen-lockfile']);
  log('building (tsc -b)');
  mustRun(pnpm, ['exec', 'tsc', '-b']);
  return pnpm;
}

// A first build (CLI + YAML host) is minutes on 2 cores; this bound keeps a stuck build from eating CI's 90 minutes.
const PULUMI_CLI_BUILD_TIMEOUT_MS = 40 * 60_000;

/** Builds or finds the Pulumi CLI; returns the folder holding `pulumi`. */
function pulumiCliDir() {
  const result = spawnSync('bash', [join(root, 'scripts', 'install-pulumi-cli.sh')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    timeout: PULUMI_CLI_BUILD_TIMEOUT_MS,
  });
  const lines = (result.stdout ?? '').trim().split('\n');
  if (result.error?.code === 'ETIMEDOUT')
    throw new Error(
      `scripts/install-pulumi-cli.sh did not finish within ${PULUMI_CLI_BUILD_TIMEOUT_MS / 60_000} minutes`,
    );
  if (result.status !== 0) throw new Error(`scripts/install-pulumi-cli.sh exited with ${result.status}`);
  return lines[lines.length - 1];
}

/**
 * The quota-redis suites start their own `redis-server` (Debian's package). Install it when it is missing and we
 * may (CI runs as root on a fresh machine); quiet and idempotent. Elsewhere say how, and let those suites fail.
 */
function ensureRedisServer() {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' });
  if (found.status === 0) return;
  if (process.getuid?.() !== 0) {
    log('redis-server is missing: install it (Debian: apt-get install redis-server) for the quota-redis tests');
    return;
  }
  log('installing redis-server (apt-get)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt's chatter goes to the log only when it fails.
  const apt = (args) =>
    spawnSync('apt-get', args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const install = ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'];
  let result = apt(install);
  if (result.status !== 0) {
    apt(['update', '-qq']);
    result = apt(install);
  }
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    log('could not install redis-server: the quota-redis tests will fail');
  }
}

/** True when `python3 -m venv` makes a venv with pip (Debian splits venv/ensurepip into python3-venv). */
function pythonVenvWorks() {
  const dir = mkdtempSync(join(tmpdir(), 'venv-check-'));
  try {
    return spawnSync('python3', ['-m', 'venv', join(dir, 'v')], { stdio: 'ignore' }).status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The Python client suites build venvs with `python3 -m venv` (packages/emulator/test/python/env.ts). Where that
 * does not work and apt-get can run as root (CI), install Python's venv support; elsewhere say what is missing.
 */
function ensurePythonVenv() {
  if (pythonVenvWorks()) return;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (process.getuid?.() !== 0 || !hasApt) {
    log('python3 -m venv does not work here: install python3 with venv support (Debian: python3-venv)');
    return;
  }
  log('installing python3 and python3-venv with apt-get');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'python3', 'python3-venv'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!pythonVenvWorks()) {
    const version = spawnSync('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
      encoding: 'utf8',
    }).stdout?.trim();
    if (version) run('apt-get', ['install', '-y', '-qq', `python${version}-venv`]);
  }
  if (!pythonVenvWorks()) log('python3 -m venv still fails: the Python client suites will fail');
}

/** Static checks vitest does not do: the tests' own types, lint and formatting. Returns how many failed. */
function staticChecks(pnpm) {
  const checks = [
    ['type-checking the tests', ['exec', 'tsc', '-p', 'tsconfig.tests.json']],
    ['linting', ['exec', 'eslint', '.']],
    ['checking formatting', ['exec', 'prettier', '--check', '--log-level', 'warn', '.']],
  ];
  let failed = 0;
  for (const [what, args] of checks) {
    log(what);
    if (run(pnpm, args) !== 0) {
      log(`${what} failed`);
      failed += 1;
    }
  }
  return failed;
}

function test(pnpm) {
  const staticFailures = staticChecks(pnpm);
  ensurePythonVenv();
  const cliDir = pulumiCliDir();
  log(`pulumi CLI: ${cliDir}`);
  ensureRedisServer();
  const reportDir = join(root, '.vitest');
  const reportFile = join(reportDir, 'results.json');
  rmSync(reportDir, { recursive: true, force: true });
  const env = {
    ...process.env,
    PULUMI_CLI_DIR: cliDir,
    CHATAPP_ISV_PNPM: pnpm,
    PATH: `${cliDir}${delimiter}${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
  };
  const status = run(
    pnpm,
    ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
    { env },
  );
  let passed = 0;
  let failed = 1; // no report means vitest itself broke
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    passed = report.numPassedTests ?? 0;
    // A test file that fails to load has no test results of its own: count it as one failure.
    const brokenFiles = (report.testResults ?? []).filter(
      (file) => file.status === 'failed' && (file.assertionResults ?? []).length === 0,
    ).length;
    failed = (report.numFailedTests ?? 0) + brokenFiles;
  }
  if (status !== 0 && failed === 0) failed = 1;
  failed += staticFailures;
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

/**
 * `changeset version` (versions, changelogs, the examples' ranges), then what it does not know: the MCP Registry's
 * server.json takes the MCP server's new version, and the lockfile records the new ranges.
 */
function version(pnpm) {
  if (run(pnpm, ['exec', 'changeset', 'version']) !== 0) return 1;
  if (run(process.execPath, [join(root, 'scripts', 'sync-server-json.mjs')]) !== 0) return 1;
  log('changelogs written and server.json updated; updating the lockfile');
  return run(pnpm, ['install']);
}

/** The packaging checks on tarballs packed from a clean build, then `changeset publish` unless `--dry-run`. */
function release(pnpm, args) {
  log('checking the packed tarballs (publint, attw, contents)');
  const checks = ['test/packaging/tarball-lint.test.ts', 'test/packaging/tarball-contents.test.ts'];
  if (run(pnpm, ['exec', 'vitest', 'run', ...checks], { env: { ...process.env, CHATAPP_ISV_PNPM: pnpm } }) !== 0) {
    log('the packaging checks failed: nothing was published');
    return 1;
  }
  if (args.includes('--dry-run')) {
    log('dry run: the tarballs pass every check; nothing was published');
    return 0;
  }
  log('publishing every package whose version the registry lacks (changeset publish)');
  // changeset publish runs `pnpm publish` by name: put the pinned pnpm first on PATH when it is the private copy.
  const path = pnpm === 'pnpm' ? process.env.PATH : `${dirname(pnpm)}${delimiter}${process.env.PATH ?? ''}`;
  return run(pnpm, ['exec', 'changeset', 'publish'], { env: { ...process.env, PATH: path } });
}

const command = process.argv[2];
const scripts = {
  demo: ['examples/demo/index.mjs'],
  bench: ['bench/onboarding.mjs'],
  'bench:mcp-start': ['bench/mcp-cold-start.mjs'],
};
try {
  if (!['test', 'setup', 'version', 'release'].includes(command) && !(command in scripts)) {
    log('usage: node scripts/workspace.mjs <setup|demo|test|version|release|bench|bench:mcp-start>');
    process.exit(2);
  }
  if (command === 'release') {
    // tsc -b neither deletes what it no longer emits nor cleans what an older config emitted (maps, compiled files of
    // deleted sources), and `files` ships all of dist/: the build below starts from empty folders, so only today's
    // output is published.
    log('emptying the dist/ folders for a clean build');
    for (const name of readdirSync(join(root, 'packages'))) {
      rmSync(join(root, 'packages', name, 'dist'), { recursive: true, force: true });
    }
  }
  const pnpm = installAndBuild();
  if (command === 'setup') {
    log(`ready; the pinned pnpm is ${pnpm === 'pnpm' ? 'the one on PATH' : pnpm}`);
    process.exit(0);
  }
  if (command === 'test') process.exit(test(pnpm));
  if (command === 'version') process.exit(version(pnpm));
  if (command === 'release') process.exit(release(pnpm, process.argv.slice(3)));
  if (command === 'bench') ensureRedisServer();
  process.exit(run(process.execPath, [...scripts[command], ...process.argv.slice(3)]));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  if (command === 'test') process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}
