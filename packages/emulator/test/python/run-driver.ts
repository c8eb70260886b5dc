// Runs one Python driver (a `.py` file in this folder) with one JSON job on stdin and returns its outcomes. The
// emulator serves from the same Node process, so the driver runs asynchronously: a blocking spawn would stall the
// server the driver is talking to.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One call's result as a driver reports it (see harness.py). */
export interface DriverOutcome {
  readonly id: string;
  readonly ok: boolean;
  /** The response body (ok) as the client parsed it. */
  readonly body?: unknown;
  /** The service's error code as the client surfaced it (not ok); null when the client failed otherwise. */
  readonly code?: string | null;
  readonly status?: number;
  readonly message?: string;
  /** The exception text when the failure was not a service refusal. */
  readonly error?: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** A whole scenario group must finish in this time; the driver is killed after it. */
const DRIVER_TIMEOUT_MS = 120_000;

/** Runs `script` under `python` with `job` on stdin; resolves to the outcomes keyed by call id. */
export function runDriver(python: string, script: string, job: unknown): Promise<Map<string, DriverOutcome>> {
  return runJob(python, [join(here, script)], job, script);
}

/** Runs any driver program that speaks the same protocol (the Go driver does). */
export function runJob(
  command: string,
  args: string[],
  job: unknown,
  script = command,
): Promise<Map<string, DriverOutcome>> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: here,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1', NO_PROXY: '127.0.0.1' },
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), DRIVER_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('[')) {
        reject(new Error(`${script} exited with ${signal ?? code}\n${stderr.slice(-3000)}\n${stdout.slice(-1000)}`));
        return;
      }
      const outcomes = JSON.parse(last) as DriverOutcome[];
      resolve(new Map(outcomes.map((o) => [o.id, o])));
    });
    child.stdin.end(JSON.stringify(job));
  });
}
