// Several separate Node processes onboarding customers of one account at once against one emulator (the
// fixtures/onboard-worker.mjs script, each with its own core client), and what the emulator saw of them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AccountSeed, EmulatorSeed } from '@chatapp-isv/emulator';

const WORKER = fileURLToPath(new URL('../fixtures/onboard-worker.mjs', import.meta.url));

/** What one worker printed. */
export interface WorkerResult {
  onboarded: number;
  failed: number;
  codes: Record<string, number>;
  /** Its standard error (limiter warnings and notices). */
  stderr: string;
}

function makeAccount(customers: number, first: string): AccountSeed {
  return {
    accessKeyId: `QUOTA${randomBytes(8).toString('hex')}`,
    accessKeySecret: `quota-secret-${randomBytes(12).toString('hex')}`,
    subscribed: true,
    deniedActions: [],
    custSpaceIds: Array.from({ length: customers }, (_, index) => `${first}${String(index + 1).padStart(14, '0')}`),
  };
}

/**
 * One account with `customers` spaces and the documented quota, plus a second account the workers warm up on
 * (see fixtures/onboard-worker.mjs); keys are made up on the spot.
 */
export function oneAccountSeed(customers: number): { seed: EmulatorSeed; account: AccountSeed; warmUp: AccountSeed } {
  const account = makeAccount(customers, '8');
  const warmUp = makeAccount(3, '7');
  return { seed: { accounts: [account, warmUp], rateLimitPerSecond: 5 }, account, warmUp };
}

/** Options of onboardInProcesses. */
export interface OnboardOptions {
  endpoint: string;
  account: AccountSeed;
  /** Each worker makes one call on this account first (one space per worker). */
  warmUp?: AccountSeed;
  processes: number;
  /** Redis URL for the shared limiter; without it each process uses core's in-process limiter. */
  redisUrl?: string;
  safetyMarginMs?: number;
  /** Core's retry attempts per call (default core's). */
  maxAttempts?: number;
}

function runWorker(job: Record<string, unknown>): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') {
        reject(new Error(`worker ${String(job['tag'])} exited with ${code}: ${stderr}`));
        return;
      }
      resolve({ ...(JSON.parse(line) as Omit<WorkerResult, 'stderr'>), stderr });
    });
  });
}

/** Splits the account's spaces over `processes` workers and runs them at the same time. */
export function onboardInProcesses(options: OnboardOptions): Promise<WorkerResult[]> {
  const spaces = options.account.custSpaceIds;
  const share = Math.ceil(spaces.length / options.processes);
  return Promise.all(
    Array.from({ length: options.processes }, (_, index) =>
      runWorker({
        tag: `p${index + 1}`,
        endpoint: options.endpoint,
        accessKeyId: options.account.accessKeyId,
        accessKeySecret: options.account.accessKeySecret,
        custSpaceIds: spaces.slice(index * share, (index + 1) * share),
        redisUrl: options.redisUrl,
        safetyMarginMs: options.safetyMarginMs,
        maxAttempts: options.maxAttempts,
        warmUp:
          options.warmUp === undefined
            ? undefined
            : {
                accessKeyId: options.warmUp.accessKeyId,
                accessKeySecret: options.warmUp.accessKeySecret,
                custSpaceId: options.warmUp.custSpaceIds[index % options.warmUp.custSpaceIds.length],
              },
      }),
    ),
  );
}

/** The most arrivals in any window of `windowMs` (a sliding window over sorted copies of the times). */
export function mostInAnyWindow(times: readonly number[], windowMs = 1000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
