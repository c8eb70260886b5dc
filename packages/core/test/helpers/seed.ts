// The read-back suites' emulator. Its seed: one permitted account with many spaces (enough for paging and a 20-customer
// batch), one denied ListInstance (read-back refused) and one denied everything of the *Instance family's writes.
// Keys are random per run and obviously fake.
import { randomBytes } from 'node:crypto';
import type { AccountSeed, Emulator, EmulatorSeed, InstanceRecord } from '@chatapp-isv/emulator';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { emulator } from './emulator.js';

function account(label: string, deniedActions: string[], custSpaceIds: string[]): AccountSeed {
  return {
    accessKeyId: `LTAIreadback${label}${randomBytes(4).toString('hex')}`,
    accessKeySecret: `fake-secret-${randomBytes(12).toString('hex')}`,
    subscribed: true,
    deniedActions,
    custSpaceIds,
  };
}

/** Space IDs `prefix` + a zero-padded index, `count` of them. */
export function spaces(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(4, '0')}`);
}

/** Account 0: permitted, `count` spaces; 1: denied ListInstance; 2: denied UpdateInstance. */
export function readBackSeed(count = 24): EmulatorSeed {
  return {
    accounts: [
      account('Ok', [], spaces('5100000', count)),
      account('NoList', ['cams:ListInstance'], spaces('5200000', 2)),
      account('NoUpdate', ['cams:UpdateInstance'], spaces('5300000', 2)),
    ],
    rateLimitPerSecond: 5,
  };
}

/** The emulator of a read-back suite, set once its beforeAll has run. */
export interface ReadBackSuite {
  emu: Emulator;
  /** Account `index` of the seed (0: permitted, 1: denied ListInstance, 2: denied UpdateInstance). */
  owner(index?: number): AccountSeed;
  /** The emulator's record of a space, as inspection shows it. */
  recordOf(custSpaceId: string): InstanceRecord;
}

/**
 * Registers the hooks of a read-back suite: an emulator seeded with readBackSeed(count) for the file, every
 * withdrawn action restored after each test, the emulator closed at the end.
 */
export function readBackSuite(count: number): ReadBackSuite {
  const suite = {
    owner(index = 0) {
      const account = suite.emu.accounts[index];
      if (account === undefined) throw new Error(`no account ${index}`);
      return account;
    },
    recordOf(custSpaceId: string) {
      const record = suite.emu.instances().find((entry) => entry.custSpaceId === custSpaceId);
      if (record === undefined) throw new Error(`the emulator has no record for ${custSpaceId}`);
      return record;
    },
  } as ReadBackSuite;
  beforeAll(async () => {
    suite.emu = await emulator({ seed: readBackSeed(count) });
  });
  afterEach(() => {
    suite.emu.setWithdrawnOperations([]);
  });
  afterAll(async () => {
    await suite.emu.close();
  });
  return suite;
}
