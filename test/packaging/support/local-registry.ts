// A real npm registry on loopback for the install test: Verdaccio (a devDependency of test/) with its config,
// storage, user database and log in one fresh folder. `@chatapp-isv/*` lives only here (published by the test, never
// looked up upstream); every other package is proxied to the registry npm is configured with on this machine.
import { execFile, spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { tail } from './run-command.js';

const execFileAsync = promisify(execFile);
const READY_TIMEOUT_MS = 60_000;

/** A running local registry. */
export interface LocalRegistry {
  /** Its base URL, `http://127.0.0.1:<port>/` (with the trailing slash npm writes in lockfiles). */
  readonly url: string;
  /** An npm userconfig (.npmrc) naming this registry and holding the test user's token. */
  readonly userconfig: string;
  /** The last lines of Verdaccio's log, for failure messages. */
  logTail(lines?: number): string;
  /** Stops the Verdaccio process this module started (its process group) and waits for it to end. */
  stop(): Promise<void>;
}

/** The registry npm uses on this machine (`npm config get registry`): the local registry's upstream. */
export async function upstreamRegistry(cwd: string): Promise<string> {
  const { stdout } = await execFileAsync('npm', ['config', 'get', 'registry'], { cwd });
  const url = stdout.trim();
  if (!/^https?:\/\//.test(url)) throw new Error(`npm config get registry printed "${url}", not a URL`);
  return url.endsWith('/') ? url : `${url}/`;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not read a free port');
  return address.port;
}

function verdaccioConfig(dir: string, upstream: string): string {
  // JSON is YAML: no YAML writer needed, and every path and URL is quoted correctly.
  const config = {
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
    uplinks: {
      upstream: {
        url: upstream,
        timeout: '60s',
        max_fails: 20,
        fail_timeout: '10s',
        agent_options: { keepAlive: true },
      },
    },
    packages: {
      // Ours: served only from what the test publishes. No `proxy`, so the public @chatapp-isv/* never leaks in.
      '@chatapp-isv/*': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
      '**': { access: '$all', publish: 'nobody', proxy: 'upstream' },
    },
    web: { enable: false },
    server: { keepAliveTimeout: 60 },
    max_body_size: '50mb',
    log: { type: 'stdout', format: 'pretty', level: 'http' },
  };
  return JSON.stringify(config, null, 2);
}

/** Creates a user through the registry's CouchDB-style adduser endpoint and returns its token. */
async function addUser(url: string): Promise<string> {
  const name = 'install-test';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    // An obviously fake, throwaway account of a registry that lives for one test run.
    body: JSON.stringify({ name, password: 'install-test-password', type: 'user', roles: [] }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || typeof body.token !== 'string')
    throw new Error(`adduser on the local registry answered ${response.status} without a token`);
  return body.token;
}

async function waitUntilReady(url: string, exited: () => string | undefined, logTail: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const exit = exited();
    if (exit !== undefined) throw new Error(`Verdaccio exited (${exit}) before it was ready\n${logTail()}`);
    try {
      const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Verdaccio did not answer ${url}-/ping within ${READY_TIMEOUT_MS / 1000} s\n${logTail()}`);
}

/** Starts Verdaccio on 127.0.0.1 with its files in `dir` (created), proxying all but ours to `upstream`. */
export async function startLocalRegistry(dir: string, upstream: string): Promise<LocalRegistry> {
  await mkdir(join(dir, 'storage'), { recursive: true });
  const configFile = join(dir, 'config.yaml');
  await writeFile(configFile, verdaccioConfig(dir, upstream));
  const logFile = join(dir, 'verdaccio.log');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const bin = join(dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [bin, '--config', configFile, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  let exit: string | undefined;
  const ended = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = String(code ?? signal);
      resolve();
    }),
  );
  child.on('error', (error) => {
    exit = error.message;
  });
  const logTail = (lines = 60) => tail(readFileSync(logFile, 'utf8'), lines);
  const pid = child.pid;
  const stop = async () => {
    if (exit !== undefined || pid === undefined) return;
    // The negative pid is the process group `detached` gave Verdaccio: it and only what it started.
    process.kill(-pid, 'SIGTERM');
    const killer = setTimeout(() => exit === undefined && process.kill(-pid, 'SIGKILL'), 10_000);
    await ended;
    clearTimeout(killer);
  };
  try {
    await waitUntilReady(url, () => exit, logTail);
    const token = await addUser(url);
    const userconfig = join(dir, 'npmrc');
    const authKey = `//127.0.0.1:${port}/:_authToken`;
    // No audit (Verdaccio would forward it to a host of its own choosing), no funding or update chatter.
    await writeFile(
      userconfig,
      [`registry=${url}`, `${authKey}=${token}`, 'audit=false', 'fund=false', 'update-notifier=false', ''].join('\n'),
    );
    return { url, userconfig, logTail, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
