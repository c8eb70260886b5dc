// Commands of the install test, each run as its own process group: npm and npx start shells and bins of their own,
// so a timeout or the end of a test stops the whole group it started, and nothing else on the machine.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** How a command ended, with everything it printed. */
export interface CommandResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how long a command may run. */
export interface CommandOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The process group is killed once this has passed, and the run fails saying so. */
  readonly timeoutMs: number;
}

/** The last `lines` lines of `text`, for error messages. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Sends `signal` to the process group of `child` (which `spawn(..., { detached: true })` made its leader). The group
 * may outlive its leader (npx gone, the bin it started still running), so it is signalled even then.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is already gone
  }
}

/** Runs `command args` to its end; resolves with its exit code and output, rejects on timeout or spawn failure. */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL');
      reject(
        new Error(
          `${command} ${args.join(' ')} did not finish within ${options.timeoutMs / 1000} s (killed)\n` +
            `stdout:\n${tail(stdout)}\nstderr:\n${tail(stderr)}`,
        ),
      );
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs a command that must exit 0; the error names the command, its code and the tail of its output. */
export async function mustRun(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${options.cwd}) exited with ${result.code ?? result.signal}\n` +
        `stdout:\n${tail(result.stdout)}\nstderr:\n${tail(result.stderr)}`,
    );
  }
  return result;
}

/** A long-running command started in the background (a server). */
export interface BackgroundCommand {
  /** The first line it writes to stdout; rejects if it exits or times out first. */
  readonly firstLine: Promise<string>;
  /** Everything written so far. */
  output(): { stdout: string; stderr: string };
  /** SIGTERM to its process group, SIGKILL after `graceMs`; resolves with how it ended. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `command args` in its own process group and watches for its first stdout line. */
export function startBackground(command: string, args: string[], options: CommandOptions): BackgroundCommand {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(`${command} ${args.join(' ')} printed no line within ${options.timeoutMs / 1000} s\n${tail(stderr)}`),
      );
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        clearTimeout(timer);
        resolve(stdout.slice(0, end));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(`${command} ${args.join(' ')} exited (${code ?? signal}) before its first line\n${tail(stderr)}`),
      );
    });
  });
  // Nobody may be waiting for the first line when the process ends later; that is not an error.
  firstLine.catch(() => undefined);
  return {
    firstLine,
    output: () => ({ stdout, stderr }),
    async stop(graceMs = 10_000) {
      signalGroup(child, 'SIGTERM');
      const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      const ended = await exited;
      clearTimeout(killer);
      return ended;
    },
  };
}
