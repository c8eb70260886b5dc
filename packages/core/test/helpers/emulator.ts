// Starts a real emulator per suite and builds clients against it. The clients of one emulator share one limiter
// (isolated from the process-wide windows, so suites cannot slow each other), and short backoffs keep retries quick.
import { startEmulator, type AccountSeed, type Emulator, type EmulatorOptions } from '@chatapp-isv/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  createIsvTermsClient,
  createQuotaLimiter,
  type IsvTermsClient,
  type IsvTermsClientOptions,
  type Logger,
  type QuotaLimiter,
} from '../../src/index.js';

/** A logger that keeps every line, for assertions (and for secret scans). */
export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; fields: Record<string, unknown> | undefined }[];
  /** Every line as text, fields included. */
  text(): string;
}

/** Creates a RecordingLogger. */
export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, fields });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.fields ?? {})}`).join('\n'),
  };
}

/** Starts an emulator with the default seed (account 0 permitted, 1 unsubscribed, 2 denied Submit, 3 permitted). */
export function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ ...options, port: 0 });
}

/** The first (fully permitted) account. */
export function permitted(emu: Emulator): AccountSeed {
  const account = emu.accounts[0];
  if (account === undefined) throw new Error('the emulator has no accounts');
  return account;
}

/** One limiter per emulator: every client of a suite shares it (as clients in one process share the default). */
const limiters = new WeakMap<Emulator, QuotaLimiter>();

/** The limiter shared by the clients of `emu` in this test file. */
export function limiterFor(emu: Emulator): QuotaLimiter {
  let limiter = limiters.get(emu);
  if (limiter === undefined) {
    limiter = createQuotaLimiter();
    limiters.set(emu, limiter);
  }
  return limiter;
}

/** A client for `account` against `emu`: the suite's limiter and fast retries unless overridden. */
export function clientFor(
  emu: Emulator,
  account: Pick<AccountSeed, 'accessKeyId' | 'accessKeySecret'> & { securityToken?: string },
  options: IsvTermsClientOptions = {},
): IsvTermsClient {
  return createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: {
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      securityToken: account.securityToken,
    },
    quota: limiterFor(emu),
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
}

/** An emulator shared by one test file, set once its beforeAll has run. */
export interface EmulatorSuite {
  emu: Emulator;
}

/**
 * Registers the hooks most suites repeat: start an emulator (default seed unless `options` say otherwise) for the
 * file, clear injected faults after each test, close it at the end.
 */
export function emulatorSuite(options: EmulatorOptions = {}): EmulatorSuite {
  const suite = {} as EmulatorSuite;
  beforeAll(async () => {
    suite.emu = await emulator(options);
  });
  afterEach(() => {
    suite.emu.clearFaults();
  });
  afterAll(async () => {
    await suite.emu.close();
  });
  return suite;
}
