// Shared test plumbing: real MCP clients of both eras, a server wired over an in-memory pair through the same
// serveStdio entry the bin uses, throwaway directory trees for path confinement, and a capturing logger.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { expect } from 'vitest';
import type { Transport } from '@modelcontextprotocol/client';

import type { ServerConfig, TermsClient } from '../dist/index.js';
import { server } from './native.js';

const { createRedactor, createServer, createServerDeps, createStderrLogger, startStdioServer } = server;

/** The package folder and the built bin. */
export const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const BIN = join(PACKAGE_DIR, 'dist', 'bin', 'chatapp-isv-mcp.js');

/** The two protocol eras a client can speak. */
export type Era = 'legacy' | 'modern';
export const ERAS: readonly Era[] = ['legacy', 'modern'];

/** The 2026-07-28 revision the modern client pins. */
export const MODERN_VERSION = '2026-07-28';

/** What a test's person answers to a confirmation: accept (ticked or not), decline or cancel. */
export type ElicitAnswer = { action: 'accept'; content: { confirm: boolean } } | { action: 'decline' | 'cancel' };

/** Options for {@link newClient}. */
export interface ClientOptions {
  /** Declare form elicitation and answer every question with this (recording the question's message). */
  readonly elicit?: { answer: ElicitAnswer; asked: string[] };
}

/** A real SDK client of the given era: the default 2025 `initialize` handshake, or pinned to 2026-07-28. */
export function newClient(era: Era, options: ClientOptions = {}): Client {
  const client = new Client(
    { name: `test-${era}-client`, version: '1.0.0' },
    {
      ...(era === 'modern' ? { versionNegotiation: { mode: { pin: MODERN_VERSION } } } : {}),
      ...(options.elicit !== undefined ? { capabilities: { elicitation: { form: {} } } } : {}),
    },
  );
  const elicit = options.elicit;
  if (elicit !== undefined) {
    client.setRequestHandler('elicitation/create', async (request) => {
      elicit.asked.push(String((request.params as { message?: unknown }).message));
      return elicit.answer;
    });
  }
  return client;
}

/** A small valid PDF; `tag` makes the bytes (and the SHA-256) unique. */
export function pdf(tag = 'terms'): Buffer {
  return Buffer.from(`%PDF-1.7\n% ${tag}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** Six valid company fields. */
export function company(custSpaceId: string): Record<string, string> {
  return {
    custSpaceId,
    custName: 'Acme Trading Ltd',
    officeAddress: '1 Harbour Road, Singapore',
    contactMail: 'legal@acme.example',
    countryId: 'SG',
    businessDesc: 'Marketing',
  };
}

/** A directory tree: `allowed/`, a sibling `allowed-evil/` sharing its prefix, and `outside/`. */
export interface Tree {
  readonly base: string;
  readonly allowed: string;
  readonly evil: string;
  readonly outside: string;
  remove(): Promise<void>;
}

/** Creates a fresh tree under the OS temp folder (canonicalized, so assertions compare real paths). */
export async function makeTree(): Promise<Tree> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'isv-mcp-')));
  const allowed = join(base, 'allowed');
  const evil = join(base, 'allowed-evil');
  const outside = join(base, 'outside');
  await Promise.all([mkdir(allowed), mkdir(evil), mkdir(outside)]);
  await writeFile(join(allowed, 'terms.pdf'), pdf('allowed'));
  await writeFile(join(evil, 'terms.pdf'), pdf('evil'));
  await writeFile(join(outside, 'terms.pdf'), pdf('outside'));
  return { base, allowed, evil, outside, remove: () => rm(base, { recursive: true, force: true }) };
}

/** A logger that keeps every (redacted) line it writes. */
export function captureLogger(secrets: readonly string[] = []) {
  const lines: string[] = [];
  const redact = createRedactor(secrets);
  const logger = createStderrLogger(redact, { sink: { write: (chunk) => lines.push(chunk) }, minLevel: 'debug' });
  return { lines, logger, redact };
}

/** Options for {@link connectInMemory}. */
export interface InMemoryOptions {
  readonly era: Era;
  readonly config?: Partial<ServerConfig>;
  readonly client?: TermsClient;
  readonly secrets?: readonly string[];
  readonly clientOptions?: ClientOptions;
}

/** Serves a server over an in-memory pair through serveStdio and connects a client of `era` to it. */
export async function connectInMemory(options: InMemoryOptions) {
  const captured = captureLogger(options.secrets);
  // Batch journals go to a throwaway folder unless a test names one: never the user's state folder, and never a
  // journal of an earlier test run (it would resume and send nothing).
  const ownJournals =
    options.config?.journalDir === undefined ? await mkdtemp(join(tmpdir(), 'isv-mcp-journals-')) : undefined;
  // Writes go through unasked unless a test is about confirmation (then it passes `confirm: 'ask'`).
  const config: ServerConfig = {
    allowDirs: [],
    readOnly: false,
    confirm: 'never',
    help: false,
    version: false,
    ...(ownJournals !== undefined ? { journalDir: ownJournals } : {}),
    ...options.config,
  };
  const deps = createServerDeps(config, {
    redact: captured.redact,
    logger: captured.logger,
    ...(options.client !== undefined ? { client: options.client } : {}),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const handle = startStdioServer(() => createServer(deps), { logger: captured.logger, transport: serverSide });
  const client = newClient(options.era, options.clientOptions);
  await client.connect(clientSide as Transport);
  return {
    client,
    logLines: captured.lines,
    async close() {
      await client.close();
      await handle.close();
      if (ownJournals !== undefined) await rm(ownJournals, { recursive: true, force: true });
    },
  };
}

/** The text of a tool result's first content block. */
export function textOf(result: unknown): string {
  const content = (result as { content?: { type: string; text?: string }[] }).content ?? [];
  return content.map((block) => block.text ?? '').join('\n');
}

/** A bin started with --http, its endpoint read from the `listening` log line. */
export interface HttpBin {
  readonly url: string;
  readonly stderr: string[];
  stop(): Promise<void>;
}

/** Spawns the built bin with `--http --port 0` plus `args`, with exactly `env` (and PATH), and waits for it to listen. */
export async function startHttpBin(args: readonly string[], env: Record<string, string>): Promise<HttpBin> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [BIN, '--http', '--port', '0', ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  const stdout: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bin did not start: ${stderr.join('')}`)), 15_000);
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString());
      pending += chunk.toString();
      const match = /"message":"listening","url":"([^"]+)"/.exec(pending);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bin exited with ${code}: ${stderr.join('')}`));
    });
  });
  return {
    url,
    stderr,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      // An HTTP server writes nothing to stdout.
      expect(stdout.join('')).toBe('');
    },
  };
}

/** An emulator in its own process (as the real service is), seen through its inspection endpoints. */
export interface EmulatorProcess {
  readonly endpoint: string;
  submissions(): Promise<{ custSpaceId: string; requestId: string; isvTerms: string }[]>;
  stats(): Promise<{ requests: number; rejected: number; errors: Record<string, number> }>;
  close(): Promise<void>;
}

/** Starts the emulator's bin with `seed`; its first stdout line names the endpoint. */
export async function startEmulatorProcess(seed: unknown): Promise<EmulatorProcess> {
  const { spawn } = await import('node:child_process');
  const { createInterface } = await import('node:readline');
  const dir = await mkdtemp(join(tmpdir(), 'isv-mcp-emu-'));
  const seedFile = join(dir, 'seed.json');
  await writeFile(seedFile, JSON.stringify(seed));
  const bin = fileURLToPath(new URL('./bin/chatapp-isv-emulator.js', import.meta.resolve('@chatapp-isv/emulator')));
  const child = spawn(process.execPath, [bin, '--seed', seedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await Promise.race([
    lines.next().then((line) => String(line.value)),
    exited.then((code) => {
      throw new Error(`the emulator exited with ${String(code)} before it was ready`);
    }),
  ]);
  const { endpoint } = JSON.parse(first) as { endpoint: string };
  const inspect = async <T>(what: string) => (await (await fetch(`${endpoint}/__emulator/${what}`)).json()) as T;
  return {
    endpoint,
    submissions: () => inspect('submissions'),
    stats: () => inspect('stats'),
    async close() {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
