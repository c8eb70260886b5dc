// Drives the built `chatapp-isv` bin as a user would, against the emulator bin in its own process (as the real
// service would be): seeds, customer files with the CSV quirks users hit, PDFs, and the emulator's inspection
// endpoints (submissions, stats, faults). Every process started here is stopped by its pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built CLI bin. */
export const CLI_BIN = fileURLToPath(new URL('../../dist/bin/chatapp-isv.js', import.meta.url));
const EMULATOR_BIN = fileURLToPath(
  new URL('./bin/chatapp-isv-emulator.js', import.meta.resolve('@chatapp-isv/emulator')),
);

/** A recorded submission, as the emulator's inspection endpoint returns it. */
export interface Submission {
  custSpaceId: string;
  custName: string;
  isvTerms: string;
  requestId: string;
}

/** An emulator bin with one account owning `spaces` (and, when asked, a second one whose RAM policy denies actions). */
export interface EmulatorProcess {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** The account of the `denied` option: its keys and spaces; absent without that option. */
  denied?: { accessKeyId: string; accessKeySecret: string; custSpaceIds: string[] } | undefined;
  submissions(): Promise<Submission[]>;
  stats(): Promise<{
    requests: number;
    rejected: number;
    errors: Record<string, number>;
    operations?: Record<string, { requests?: number; arrivals?: Record<string, number[]> }>;
  }>;
  setFaults(fault: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** Space IDs for `n` customers, distinct per prefix. */
export function spaceIds(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, index) => `${prefix}${String(index + 1).padStart(15 - prefix.length, '0')}`);
}

/**
 * Starts the emulator bin; `rateLimitPerSecond` is the quota per operation (5 is the service's). `denied` seeds a
 * second account that owns `spaces` of its own but whose RAM policy denies `actions` (e.g. `cams:SubmitIsvCustomerTerms`).
 */
export async function startEmulatorProcess(
  dir: string,
  spaces: readonly string[],
  options: {
    rateLimitPerSecond?: number;
    latencyMs?: Record<string, number>;
    denied?: { actions: string[]; spaces: string[] };
  } = {},
): Promise<EmulatorProcess> {
  const accessKeyId = `FAKECLI${randomBytes(6).toString('hex')}`;
  const accessKeySecret = `fake-cli-secret-${randomBytes(8).toString('hex')}`;
  const denied =
    options.denied === undefined
      ? undefined
      : {
          accessKeyId: `FAKECLIDENY${randomBytes(6).toString('hex')}`,
          accessKeySecret: `fake-cli-denied-secret-${randomBytes(8).toString('hex')}`,
          custSpaceIds: options.denied.spaces,
        };
  const seed = {
    accounts: [
      { accessKeyId, accessKeySecret, subscribed: true, deniedActions: [], custSpaceIds: spaces },
      ...(denied !== undefined && options.denied !== undefined
        ? [{ ...denied, subscribed: true, deniedActions: options.denied.actions }]
        : []),
    ],
    rateLimitPerSecond: options.rateLimitPerSecond ?? 5,
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
  };
  const seedFile = join(dir, `seed-${randomBytes(4).toString('hex')}.json`);
  await writeFile(seedFile, JSON.stringify(seed));
  const child = spawn(process.execPath, [EMULATOR_BIN, '--seed', seedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve(line));
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code} before it was ready`)));
  });
  const { endpoint } = JSON.parse(first) as { endpoint: string };
  const inspect = async <T>(what: string, init?: RequestInit): Promise<T> => {
    const response = await fetch(`${endpoint}/__emulator/${what}`, init);
    if (!response.ok) throw new Error(`inspection ${what}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    endpoint,
    accessKeyId,
    accessKeySecret,
    denied,
    submissions: () => inspect<Submission[]>('submissions'),
    stats: () => inspect('stats'),
    setFaults: async (fault) => {
      await inspect('faults', {
        method: 'POST',
        body: JSON.stringify(fault),
        headers: { 'content-type': 'application/json' },
      });
    },
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The environment a user would set: credentials and endpoint, nothing else of ours. */
export function cliEnv(emu: EmulatorProcess, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'], HOME: process.env['HOME'], LANG: 'C.UTF-8' };
  return {
    ...env,
    ALIBABA_CLOUD_ACCESS_KEY_ID: emu.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: emu.accessKeySecret,
    ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
    CHATAPP_ISV_ENDPOINT: emu.endpoint,
    ...extra,
  };
}

/** What a finished CLI run printed and returned. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Spawns the CLI; `onStdoutLine` sees each stdout line as it arrives (e.g. to send a signal mid-run). */
export function spawnCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; onStdoutLine?: (line: string, child: ChildProcess) => void } = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [CLI_BIN, ...args], {
    env: options.env ?? { PATH: process.env['PATH'] },
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) options.onStdoutLine?.(line, child);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs the CLI to the end. */
export function runCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  return spawnCli(args, options).done;
}

/** A minimal PDF whose bytes differ per customer. */
export function pdfBytes(label: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% agreement of ${label}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`);
}

const NAMES = ['Müller, Söhne & Co. KG', '株式会社さくら', 'Café "Olé", S.L.', 'Ørsted Nordic A/S', 'Acme Pte Ltd'];

/**
 * Writes `customers.csv` (UTF-8 with a BOM, CRLF line ends, quoted commas and quotes, UTF-8 names) and one PDF
 * per row under `pdfs/`; returns the CSV's path. (No quoted newlines: the service refuses control characters in
 * every text field; the batch tests cover parsing them.)
 */
export async function writeCustomers(dir: string, spaces: readonly string[], name = 'customers.csv'): Promise<string> {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, 'pdfs'), { recursive: true });
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  const lines = ['id,CustSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile'];
  for (const [index, space] of spaces.entries()) {
    const n = index + 1;
    const pdf = `terms-${n}.pdf`;
    await writeFile(join(dir, 'pdfs', pdf), pdfBytes(`customer ${n}`));
    lines.push(
      [
        `cust-${n}`,
        space,
        quote(`${NAMES[index % NAMES.length]} ${n}`),
        quote(`${n} Harbour Road, Singapore`),
        `legal+${n}@example.com`,
        n % 3 === 0 ? 'de' : 'SG',
        quote('Order updates, receipts'),
        `pdfs/${pdf}`,
      ].join(','),
    );
  }
  const path = join(dir, name);
  await writeFile(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  return path;
}

/** A fresh temporary folder and its removal. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** How many items share each key. */
export function count<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
