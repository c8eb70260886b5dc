// Alibaba's Go OpenAPI core (darabonba-openapi v2) against the emulator: generic CallApi calls signed ACS3 and
// HMAC-SHA1, parameters in the query and in a form body, every value shape, each submission recorded with exactly
// the values sent; then refusals for a value changed after signing, a wrong secret and a stale timestamp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { buildGoDriver } from './go/build.js';
import { driverJob, shapeParams, SHAPES_TERMS_FILE, uploadShapesTerms } from './helpers.js';
import { runJob } from './python/run-driver.js';
import { VALUE_SHAPES, type TermsText } from './python/value-shapes.js';

const TERMS_FILE = SHAPES_TERMS_FILE;

describe('Go darabonba-openapi generic calls', () => {
  let emu: Emulator;
  let driver: string;
  let space: string;
  beforeAll(async () => {
    driver = buildGoDriver();
    emu = await startEmulator({ rateLimitPerSecond: 10_000 });
    space = await uploadShapesTerms(emu, 'go');
  }, 600_000);
  afterAll(async () => {
    await emu.close();
  });

  it('submits every value shape, ACS3 and HMAC-SHA1, in the query and in a form body', async () => {
    const expected = new Map<string, TermsText>();
    const calls = (['acs3', 'v2'] as const).flatMap((signature) =>
      (['query', 'body'] as const).flatMap((place) =>
        Object.entries(VALUE_SHAPES).map(([shape, text]) => {
          const id = `${signature}-${place}-${shape}`;
          expected.set(id, text);
          return { id, signature, action: 'SubmitIsvCustomerTerms', [place]: shapeParams(space, text) };
        }),
      ),
    );
    const outcomes = await runJob(driver, [], driverJob(emu, calls));
    const submissions = new Map(emu.submissions().map((s) => [s.requestId, s]));
    for (const [id, text] of expected) {
      const outcome = outcomes.get(id)!;
      expect(outcome, `${id}: ${outcome.code} ${outcome.message} ${outcome.error}`).toMatchObject({ ok: true });
      const requestId = (outcome.body as { body: { RequestId: string } }).body.RequestId;
      expect(submissions.get(requestId), id).toMatchObject({ custSpaceId: space, ...text, isvTerms: TERMS_FILE });
    }
  }, 120_000);

  it('refuses a tampered value, a wrong secret and a stale timestamp with the service codes', async () => {
    const before = emu.submissions().length;
    const stale = new Date(Date.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const text = VALUE_SHAPES.chinese!;
    const calls = (['acs3', 'v2'] as const).flatMap((signature) =>
      (['query', 'body'] as const).flatMap((place) => {
        const base = { signature, action: 'SubmitIsvCustomerTerms', [place]: shapeParams(space, text) };
        const staleAt =
          signature === 'acs3'
            ? { headers: { 'x-acs-date': stale } }
            : { query: { ...(place === 'query' ? shapeParams(space, text) : {}), Timestamp: stale } };
        return [
          { id: `${signature}-${place}-tamper`, ...base, tamper: { param: 'CustName', value: '另一家公司' } },
          { id: `${signature}-${place}-secret`, ...base, secret: 'emu-secret-wrong-wrong-wrong' },
          { id: `${signature}-${place}-stale`, ...base, ...staleAt },
        ];
      }),
    );
    const outcomes = await runJob(driver, [], driverJob(emu, calls));
    const codes = {
      tamper: 'SignatureDoesNotMatch',
      secret: 'SignatureDoesNotMatch',
      stale: 'InvalidTimeStamp.Expired',
    };
    for (const [id, outcome] of outcomes) {
      const what = id.split('-').pop() as keyof typeof codes;
      expect(outcome, `${id}: ${outcome.error ?? outcome.message}`).toMatchObject({
        ok: false,
        code: codes[what],
        status: 400,
      });
    }
    expect(outcomes.size).toBe(12);
    expect(emu.submissions().length).toBe(before);
  }, 120_000);
});
