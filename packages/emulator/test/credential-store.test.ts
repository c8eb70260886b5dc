// The credential registry of a long-running emulator (the bin behind an MCP server or a Pulumi stack) must not grow
// with every authorization ever issued: expired temporary keys are forgotten after a grace period. Driven through the
// store's injected clock, since the public API has no way to move time.
import { describe, expect, it } from 'vitest';
import { defaultSeed } from '../src/index.js';
import { createAccountStore, EXPIRED_CREDENTIAL_GRACE_MS } from '../src/state/accounts.js';

describe('credential store', () => {
  const seed = defaultSeed();
  const scope = { bucket: 'chatapp-isv-terms', dir: 'C100000000000001', custSpaceId: '100000000000001' };

  it('still knows an expired key during the grace period (so it can say "expired"), then forgets it', () => {
    let clock = 1_000_000;
    const store = createAccountStore(seed.accounts, () => clock);
    const account = store.accounts[0]!;
    const upload = store.issue(account, 60, scope);
    const sts = store.issue(account, 60);

    clock += 60_000 + EXPIRED_CREDENTIAL_GRACE_MS - 1;
    store.issue(account, 60, scope);
    expect(store.lookup(upload.accessKeyId)?.kind).toBe('upload');
    expect(store.lookup(sts.accessKeyId)?.kind).toBe('sts');

    clock += 120_000;
    const fresh = store.issue(account, 60, scope);
    expect(store.lookup(upload.accessKeyId)).toBeUndefined();
    expect(store.lookup(sts.accessKeyId)).toBeUndefined();
    expect(store.lookup(fresh.accessKeyId)?.kind).toBe('upload');
    expect(store.lookup(account.accessKeyId)?.kind).toBe('account');
  });

  it('keeps no more than the live and recently expired keys however many are issued', () => {
    let clock = 0;
    const store = createAccountStore(seed.accounts, () => clock);
    const account = store.accounts[0]!;
    const issued: string[] = [];
    // One authorization a second (the quota allows five) with a one-minute lifetime, for three simulated hours.
    for (let i = 0; i < 3 * 3600; i++) {
      issued.push(store.issue(account, 60, scope).accessKeyId);
      clock += 1000;
    }
    const known = issued.filter((id) => store.lookup(id) !== undefined).length;
    expect(known).toBeLessThanOrEqual((60_000 + EXPIRED_CREDENTIAL_GRACE_MS + 120_000) / 1000);
    expect(store.lookup(issued.at(-1)!)).toBeDefined();
  });
});
