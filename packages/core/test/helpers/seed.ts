// A seed for the read-back suites: one permitted account with many spaces (enough for paging and a 20-customer
// batch), one denied ListInstance (read-back refused) and one denied everything of the *Instance family's writes.
// Keys are random per run and obviously fake.
import { randomBytes } from 'node:crypto';
import type { AccountSeed, EmulatorSeed } from '@chatapp-isv/emulator';

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
