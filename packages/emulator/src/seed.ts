// Seeds: the built-in default (fresh random keys on every call) and validation of JSON seed files, so a typo in
// a seed fails at start-up with the field named instead of surfacing later as a puzzling signature error.
import { readFileSync } from 'node:fs';
import { randomAlnum } from './state/accounts.js';
import {
  OPERATIONS,
  RPC_OPERATIONS,
  type AccountSeed,
  type EmulatorSeed,
  type Operation,
  type RpcAction,
} from './types.js';

/** A fresh, obviously emulator-made AccessKey pair. */
function generateKeyPair(): { accessKeyId: string; accessKeySecret: string } {
  return { accessKeyId: `EMUAK${randomAlnum(19)}`, accessKeySecret: `emu-secret-${randomAlnum(30)}` };
}

/**
 * The default seed, with newly generated keys on every call:
 * [0] permitted (3 spaces), [1] unsubscribed, [2] denied SubmitIsvCustomerTerms, [3] a second permitted account.
 */
export function defaultSeed(): EmulatorSeed {
  const account = (subscribed: boolean, deniedActions: string[], custSpaceIds: string[]): AccountSeed => ({
    ...generateKeyPair(),
    subscribed,
    deniedActions,
    custSpaceIds,
  });
  return {
    accounts: [
      account(true, [], ['100000000000001', '100000000000002', '100000000000003']),
      account(false, [], ['200000000000001']),
      account(true, ['cams:SubmitIsvCustomerTerms'], ['300000000000001']),
      account(true, [], ['400000000000001']),
    ],
    rateLimitPerSecond: 5,
    latencyMs: {},
  };
}

const SPACE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY_ID = /^[A-Za-z0-9._-]{4,128}$/;

function fail(field: string, why: string, context = 'invalid seed'): never {
  throw new TypeError(`${context}: ${field} ${why}`);
}

/** Validates an untrusted seed and returns a normalised copy. */
export function validateSeed(input: unknown): EmulatorSeed {
  if (typeof input !== 'object' || input === null) fail('(root)', 'must be an object');
  const raw = input as Record<string, unknown>;
  if (!Array.isArray(raw.accounts) || raw.accounts.length === 0) fail('accounts', 'must be a non-empty array');
  const keyIds = new Set<string>();
  const spaces = new Set<string>();
  const accounts = raw.accounts.map((a: unknown, i): AccountSeed => {
    const at = `accounts[${i}]`;
    if (typeof a !== 'object' || a === null) fail(at, 'must be an object');
    const r = a as Record<string, unknown>;
    if (typeof r.accessKeyId !== 'string' || !KEY_ID.test(r.accessKeyId))
      fail(`${at}.accessKeyId`, 'must be 4-128 of [A-Za-z0-9._-]');
    if (r.accessKeyId.startsWith('STS.'))
      fail(`${at}.accessKeyId`, 'must not start with "STS." (reserved for temporary keys)');
    if (keyIds.has(r.accessKeyId)) fail(`${at}.accessKeyId`, 'is used by two accounts');
    keyIds.add(r.accessKeyId);
    if (typeof r.accessKeySecret !== 'string' || r.accessKeySecret.length < 8)
      fail(`${at}.accessKeySecret`, 'must be a string of at least 8 characters');
    if (typeof r.subscribed !== 'boolean') fail(`${at}.subscribed`, 'must be a boolean');
    const denied = r.deniedActions ?? [];
    if (!Array.isArray(denied) || !denied.every((d) => typeof d === 'string' && /^cams:[A-Za-z*]+$/.test(d))) {
      fail(`${at}.deniedActions`, 'must be an array of "cams:<Action>" strings');
    }
    const ids = r.custSpaceIds ?? [];
    if (!Array.isArray(ids)) fail(`${at}.custSpaceIds`, 'must be an array');
    for (const id of ids) {
      if (typeof id !== 'string' || !SPACE_ID.test(id))
        fail(`${at}.custSpaceIds`, 'entries must be 1-64 of [A-Za-z0-9_-]');
      if (spaces.has(id)) fail(`${at}.custSpaceIds`, `space ${id} belongs to two accounts`);
      spaces.add(id);
    }
    return {
      accessKeyId: r.accessKeyId,
      accessKeySecret: r.accessKeySecret,
      subscribed: r.subscribed,
      deniedActions: [...(denied as string[])],
      custSpaceIds: [...(ids as string[])],
    };
  });
  const seed: EmulatorSeed = { accounts };
  if (raw.rateLimitPerSecond !== undefined) {
    if (
      typeof raw.rateLimitPerSecond !== 'number' ||
      !Number.isInteger(raw.rateLimitPerSecond) ||
      raw.rateLimitPerSecond < 1
    ) {
      fail('rateLimitPerSecond', 'must be a positive integer');
    }
    seed.rateLimitPerSecond = raw.rateLimitPerSecond;
  }
  if (raw.latencyMs !== undefined) seed.latencyMs = validateLatency(raw.latencyMs, 'latencyMs');
  if (raw.rateLimitPerOperation !== undefined) {
    seed.rateLimitPerOperation = validateRateLimits(raw.rateLimitPerOperation, 'rateLimitPerOperation');
  }
  if (raw.withdrawnOperations !== undefined) {
    seed.withdrawnOperations = validateWithdrawn(raw.withdrawnOperations, 'withdrawnOperations');
  }
  return seed;
}

function isRpcAction(value: unknown): value is RpcAction {
  return typeof value === 'string' && (RPC_OPERATIONS as readonly string[]).includes(value);
}

/** Validates a per-operation quota table: RPC actions → positive whole calls per second. */
export function validateRateLimits(
  input: unknown,
  field: string,
  context = 'invalid seed',
): Partial<Record<RpcAction, number>> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(field, 'must be an object', context);
  const out: Partial<Record<RpcAction, number>> = {};
  for (const [op, limit] of Object.entries(input)) {
    if (!isRpcAction(op)) fail(`${field}.${op}`, `is not an RPC operation (${RPC_OPERATIONS.join(', ')})`, context);
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
      fail(`${field}.${op}`, 'must be a positive integer (calls per second)', context);
    out[op] = limit;
  }
  return out;
}

/** Validates a list of withdrawn RPC actions; `context` starts the error message. */
export function validateWithdrawn(input: unknown, field: string, context = 'invalid seed'): RpcAction[] {
  if (!Array.isArray(input)) fail(field, 'must be an array of RPC operation names', context);
  return input.map((op: unknown, i) => {
    if (!isRpcAction(op)) {
      const named = typeof op === 'string' && /^[A-Za-z]{1,64}$/.test(op) ? ` ("${op}")` : '';
      fail(`${field}[${i}]${named}`, `is not an RPC operation (${RPC_OPERATIONS.join(', ')})`, context);
    }
    return op;
  });
}

/** Validates a per-operation latency table. */
export function validateLatency(input: unknown, field: string): Partial<Record<Operation, number>> {
  if (typeof input !== 'object' || input === null) fail(field, 'must be an object');
  const out: Partial<Record<Operation, number>> = {};
  for (const [op, ms] of Object.entries(input)) {
    if (!(OPERATIONS as readonly string[]).includes(op))
      fail(`${field}.${op}`, `is not an operation (${OPERATIONS.join(', ')})`);
    if (typeof ms !== 'number' || !(ms >= 0 && ms <= 600_000))
      fail(`${field}.${op}`, 'must be milliseconds between 0 and 600000');
    out[op as Operation] = ms;
  }
  return out;
}

/** Reads and validates a JSON seed file. */
export function loadSeedFile(path: string): EmulatorSeed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read seed file ${path}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the fault, which may be a secret: report the position only, and do not
    // attach the original error as the cause, since it carries that message.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    // eslint-disable-next-line preserve-caught-error -- the caught error's message may quote a secret
    throw new Error(
      `seed file ${path} is not valid JSON${position === undefined ? '' : ` (at character ${position})`}`,
    );
  }
  return validateSeed(parsed);
}
