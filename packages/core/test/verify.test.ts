// verify: true reads the record back after writing. Success in both generations; a mismatch made deterministic by
// holding the read-back's quota slot (the public QuotaLimiter seam) until another client has rewritten the record
// out of band; and a read-back the account may not make. Each failure carries the write that was accepted.
import { describe, expect, it } from 'vitest';
import { TermsVerificationError, type QuotaLimiter } from '../src/index.js';
import { clientFor, limiterFor } from './helpers/emulator.js';
import { samplePdf } from './helpers/fixtures.js';
import { readBackSuite } from './helpers/seed.js';

const suite = readBackSuite(6);
const { owner } = suite;

function customer(custSpaceId: string, label: string) {
  return {
    custSpaceId,
    custName: `${label} Pte Ltd`,
    officeAddress: '1 Example Road, Singapore',
    contactMail: 'legal@verify.example',
    countryId: 'SG',
    businessDesc: 'Order updates',
    termsFile: samplePdf(label),
    fileName: `${label.toLowerCase()}.pdf`,
  };
}

describe('verify: true', () => {
  it.each(['legacy', 'instance'] as const)('%s: the record read back is returned with the result', async (gen) => {
    const account = owner();
    const space = account.custSpaceIds[gen === 'legacy' ? 0 : 1] ?? '';
    const client = clientFor(suite.emu, account, { apiGeneration: gen });
    const result = await client.submitCustomerTerms({ ...customer(space, `Verified${gen}`), verify: true });
    expect(result.generation).toBe(gen);
    expect(result.record).toMatchObject({
      custSpaceId: space,
      custName: `Verified${gen} Pte Ltd`,
      termsFileName: `verified${gen}.pdf`,
      state: 'published',
    });
  });

  it('a record changed between the write and the read-back is a mismatch naming the field', async () => {
    const account = owner();
    const space = account.custSpaceIds[2] ?? '';
    const other = clientFor(suite.emu, account, { apiGeneration: 'instance' });
    // Warm the other client's mapping, so its out-of-band write is only presign + update.
    await other.readCustomerTerms({ custSpaceId: space });
    let armed = false;
    let outOfBand: Promise<unknown> | undefined;
    const shared = limiterFor(suite.emu);
    const gate: QuotaLimiter = {
      async acquire(key) {
        if (armed && key.endsWith('#ListInstance')) {
          armed = false;
          outOfBand = other.submitCustomerTerms(customer(space, 'Rewritten'));
          await outOfBand;
        }
        return shared.acquire(key);
      },
    };
    const client = clientFor(suite.emu, account, {
      apiGeneration: 'instance',
      quota: gate,
      onEvent: (event) => {
        if (event.type === 'submitted') armed = true;
      },
    });

    const error = await client
      .submitCustomerTerms({ ...customer(space, 'Original'), verify: true })
      .catch((caught: unknown) => caught);

    expect(outOfBand).toBeDefined();
    expect(error).toBeInstanceOf(TermsVerificationError);
    const failure = error as TermsVerificationError;
    expect(failure.reason).toBe('mismatch');
    expect(failure.mismatches.map((entry) => entry.field)).toEqual(['custName', 'isvTerms']);
    expect(failure.mismatches[0]).toEqual({
      field: 'custName',
      sent: 'Original Pte Ltd',
      onRecord: 'Rewritten Pte Ltd',
    });
    // The write itself was accepted: the error says which one, so nobody resends it blindly.
    expect(failure.write).toMatchObject({ custSpaceId: space, generation: 'instance' });
    expect(failure.write.requestId).toBeTruthy();
    expect(failure.message).toMatch(/were written/);
  });

  it('a read-back the account may not make is "unreadable", and the write still stands', async () => {
    const account = owner(1);
    const space = account.custSpaceIds[0] ?? '';
    const client = clientFor(suite.emu, account, { apiGeneration: 'legacy' });
    const error = await client
      .submitCustomerTerms({ ...customer(space, 'Unreadable'), verify: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TermsVerificationError);
    expect(error).toMatchObject({ reason: 'unreadable', write: { custSpaceId: space, generation: 'legacy' } });
    expect((error as TermsVerificationError).cause).toMatchObject({ code: 'Ram.PermissionDeny' });
    expect(
      suite.emu.submissions().some((entry) => entry.requestId === (error as TermsVerificationError).write.requestId),
    ).toBe(true);
  });
});
