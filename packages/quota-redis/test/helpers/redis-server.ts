// A real redis-server (Debian's package) per suite: on a unix socket in a private temp folder, without a TCP port
// (`--port 0`, so suites never collide) and without persistence, stopped by PID. `stop()` and `start()` again on
// the same socket stand in for an outage and a restart (which, without persistence, also loses every key).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running redis-server. */
export interface RedisServer {
  /** `unix:///…/redis.sock`, for createRedisQuotaLimiter. */
  readonly url: string;
  readonly socketPath: string;
  /** PID of the current server process (undefined while stopped). */
  pid(): number | undefined;
  /** Stops the server (SIGTERM to its PID) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same socket. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

function accepts(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts redis-server; fails with a clear message when it is not installed. */
export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'quota-redis-'));
  const socketPath = join(dir, 'redis.sock');
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (): Promise<void> => {
    output = '';
    const args = ['--port', '0', '--unixsocket', socketPath, '--unixsocketperm', '700'];
    args.push('--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--loglevel', 'warning');
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const failed = new Promise<never>((_, reject) => {
      started.once('error', (error) =>
        reject(new Error(`cannot run redis-server (install Debian's redis-server package): ${error.message}`)),
      );
      started.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
    });
    failed.catch(() => undefined);
    child = started;
    for (let attempt = 0; attempt < 200; attempt++) {
      if (existsSync(socketPath) && (await accepts(socketPath))) return;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 25)), failed]);
    }
    throw new Error(`redis-server did not open ${socketPath} in 5 s: ${output}`);
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.pid === undefined) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    process.kill(running.pid, 'SIGTERM');
    await exited;
  };

  await start();
  return {
    url: `unix://${socketPath}`,
    socketPath,
    pid: () => child?.pid,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
