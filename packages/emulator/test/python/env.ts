// Python virtual environments for the tests that drive the emulator (or anything else) with Python clients.
// `pythonWith(name, requirements)` makes one venv per (name, exact pinned requirements) under
// `<repo root>/.tools/venvs/`, installs the pins with pip, and hands back the venv's python. A later call with the
// same pins reuses it, so only the first run on a machine pays for the install.
//
// Several vitest workers may ask for the same venv at once: the first takes a lock (an atomic mkdir) and builds,
// the others wait for its `.ready` marker. A lock whose owner died is taken over. Nothing is left half-built: a
// failed install removes the venv so the next call starts clean.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How long pip may take for one venv, and how long a waiter waits for another worker's build. */
const INSTALL_TIMEOUT_MS = 10 * 60_000;
/** Per-connection timeout and retries handed to pip, so a stalled download fails instead of hanging. */
const PIP_NETWORK_ARGS = ['--timeout', '60', '--retries', '3'];
const PIN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?==[A-Za-z0-9.+!_-]+$/;

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('pythonWith: no pnpm-workspace.yaml above the test helper');
    dir = parent;
  }
  return dir;
}

/** Blocks the thread: the helper is synchronous so a test file can call it from `beforeAll` without ceremony. */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockAgeMs(lock: string): number {
  try {
    return Date.now() - statSync(lock).mtimeMs;
  } catch {
    return 0;
  }
}

function run(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: INSTALL_TIMEOUT_MS,
    env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' },
  });
  if (result.error || result.status !== 0) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    const why = result.error ? result.error.message : `exit ${result.status}`;
    throw new Error(`pythonWith: ${what} failed (${why})\n${tail}`);
  }
}

function pythonIn(venv: string): string {
  return process.platform === 'win32' ? join(venv, 'Scripts', 'python.exe') : join(venv, 'bin', 'python');
}

function build(venv: string, requirements: readonly string[]): void {
  rmSync(venv, { recursive: true, force: true });
  const base = process.env.PYTHON ?? 'python3';
  run(base, ['-m', 'venv', venv], `creating the venv (${base} -m venv; on Debian install python3-venv)`);
  const requirementsFile = join(venv, 'requirements.txt');
  writeFileSync(requirementsFile, `${requirements.join('\n')}\n`);
  run(
    pythonIn(venv),
    ['-m', 'pip', 'install', '--quiet', ...PIP_NETWORK_ARGS, '-r', requirementsFile],
    `pip install ${requirements.join(' ')}`,
  );
  writeFileSync(join(venv, '.ready'), `${requirements.join('\n')}\n`);
}

/**
 * Returns the python executable of a venv holding exactly `requirements` (each pinned `name==version`), creating
 * it on first use. `name` only labels the folder; the folder also carries a hash of the pins, so changing a pin
 * makes a new venv instead of mutating one another test may be using.
 */
export function pythonWith(name: string, requirements: readonly string[]): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`pythonWith: name must be kebab-case, got ${name}`);
  if (requirements.length === 0) throw new Error('pythonWith: give at least one requirement');
  for (const req of requirements) {
    if (!PIN.test(req)) throw new Error(`pythonWith: pin exact versions (name==version), got ${req}`);
  }
  const pins = [...requirements].sort();
  const hash = createHash('sha256').update(pins.join('\n')).digest('hex').slice(0, 10);
  const venvsDir = join(repoRoot(), '.tools', 'venvs');
  const venv = join(venvsDir, `${name}-${hash}`);
  const ready = join(venv, '.ready');
  const lock = `${venv}.lock`;
  mkdirSync(venvsDir, { recursive: true });

  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 60_000;
  while (!existsSync(ready)) {
    let owned = false;
    try {
      mkdirSync(lock);
      owned = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (owned) {
      try {
        writeFileSync(join(lock, 'pid'), String(process.pid));
        if (!existsSync(ready)) build(venv, pins);
      } catch (error) {
        rmSync(venv, { recursive: true, force: true });
        throw error;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
      break;
    }
    // Someone else is building. Take the lock over if its owner is gone (a killed test run).
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      // the owner has not written its pid yet, or just finished; a pid-less lock older than a minute is orphaned
      if (lockAgeMs(lock) > 60_000) owner = -1;
    }
    if (owner === -1 || (Number.isInteger(owner) && owner > 0 && !pidAlive(owner))) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`pythonWith: gave up waiting for another process to build ${name}`);
    sleepMs(500);
  }
  return pythonIn(venv);
}
