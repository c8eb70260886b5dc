// Alibaba's Python RPC clients against the emulator, on both generations of the Python OpenAPI core (Tea, and the
// current darabonba one): generic calls through alibabacloud-tea-openapi's call_api, and the cams SDK's own
// submit_isv_customer_terms (alibabacloud-cams20200606 3.1.1). Each is driven with ACS3-HMAC-SHA256 and HMAC-SHA1,
// sync (requests) and async (aiohttp), parameters in the query and in a form body, and every value shape; every
// accepted submission must be recorded with exactly the values sent. Then each is refused with the service's code
// for a value changed after signing, a wrong secret and a stale timestamp. One Python process per group.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { driverJob, shapeParams, SHAPES_TERMS_FILE, uploadShapesTerms } from './helpers.js';
import { pythonWith } from './python/env.js';
import { DARA_OPENAPI_PINS, TEA_OPENAPI_PINS } from './python/pins.js';
import { runDriver, type DriverOutcome } from './python/run-driver.js';
import { VALUE_SHAPES, type TermsText } from './python/value-shapes.js';

const GENERATIONS = [
  { name: 'tea-openapi', label: 'Tea core (alibabacloud-tea-openapi 0.3.16)', pins: TEA_OPENAPI_PINS },
  { name: 'dara-openapi', label: 'darabonba core (alibabacloud-tea-openapi 0.4.6)', pins: DARA_OPENAPI_PINS },
] as const;
const SIGNATURES = ['acs3', 'v2'] as const;
const MODES = ['sync', 'async'] as const;
const TERMS_FILE = SHAPES_TERMS_FILE;
const GROUP_TIMEOUT_MS = 180_000;

describe.each(GENERATIONS)('Python clients on the $label', ({ name, pins }) => {
  let emu: Emulator;
  let python: string;
  let space: string;
  beforeAll(async () => {
    python = pythonWith(name, pins);
    emu = await startEmulator({ rateLimitPerSecond: 10_000 });
    space = await uploadShapesTerms(emu, name);
  }, 600_000);
  afterAll(async () => {
    await emu.close();
  });

  /** Asserts every call succeeded and its submission holds exactly the shape's values. */
  function expectRecorded(
    outcomes: Map<string, DriverOutcome>,
    expected: Map<string, TermsText>,
    requestIdOf: (body: unknown) => string,
  ) {
    const submissions = new Map(emu.submissions().map((s) => [s.requestId, s]));
    for (const [id, text] of expected) {
      const outcome = outcomes.get(id)!;
      expect(outcome.error, id).toBeUndefined();
      expect(outcome, `${id}: ${outcome.code} ${outcome.message}`).toMatchObject({ ok: true });
      const submission = submissions.get(requestIdOf(outcome.body));
      expect(submission, id).toMatchObject({ custSpaceId: space, ...text, isvTerms: TERMS_FILE });
    }
  }

  for (const signature of SIGNATURES) {
    it(
      `generic call_api (${signature}): every value shape, query and form body, sync and async`,
      async () => {
        const expected = new Map<string, TermsText>();
        const calls = MODES.flatMap((mode) =>
          (['query', 'body'] as const).flatMap((place) =>
            Object.entries(VALUE_SHAPES).map(([shape, text]) => {
              const id = `${mode}-${place}-${shape}`;
              expected.set(id, text);
              return { id, signature, mode, action: 'SubmitIsvCustomerTerms', [place]: shapeParams(space, text) };
            }),
          ),
        );
        const outcomes = await runDriver(python, 'openapi-generic.py', driverJob(emu, calls));
        expectRecorded(outcomes, expected, (body) => (body as { body: { RequestId: string } }).body.RequestId);
      },
      GROUP_TIMEOUT_MS,
    );

    it(
      `cams SDK submit_isv_customer_terms (${signature}): every value shape, sync and async`,
      async () => {
        const expected = new Map<string, TermsText>();
        const calls = MODES.flatMap((mode) =>
          Object.entries(VALUE_SHAPES).map(([shape, text]) => {
            const id = `${mode}-${shape}`;
            expected.set(id, text);
            const fields = {
              cust_space_id: space,
              cust_name: text.custName,
              office_address: text.officeAddress,
              contact_mail: 'partner@example.com',
              country_id: 'CN',
              business_desc: text.businessDesc,
              isv_terms: TERMS_FILE,
            };
            return { id, signature, mode, op: 'submit', fields };
          }),
        );
        calls.push({
          id: 'authorize',
          signature,
          mode: 'sync',
          op: 'authorize',
          fields: { cust_space_id: space },
        } as never);
        // The same SDK with STS credentials (x-acs-security-token / SecurityToken), sync and async.
        const sts = emu.issueStsCredentials(emu.accounts[0]!.accessKeyId, 600);
        for (const mode of MODES) {
          calls.push({
            id: `sts-${mode}`,
            signature,
            mode,
            op: 'authorize',
            fields: { cust_space_id: space },
            accessKeyId: sts.accessKeyId,
            secret: sts.accessKeySecret,
            securityToken: sts.securityToken,
          } as never);
        }
        const outcomes = await runDriver(python, 'cams-sdk.py', driverJob(emu, calls));
        for (const mode of MODES) {
          const outcome = outcomes.get(`sts-${mode}`)!;
          expect(outcome.ok, `sts ${mode}: ${outcome.code ?? outcome.error}`).toBe(true);
        }
        expectRecorded(outcomes, expected, (body) => (body as { RequestId: string }).RequestId);
        const authorize = outcomes.get('authorize')!;
        expect(authorize.ok, authorize.code ?? authorize.error).toBe(true);
        expect((authorize.body as { Data: { AccessKeyId: string } }).Data.AccessKeyId).toMatch(/^STS\./);
      },
      GROUP_TIMEOUT_MS,
    );

    it(
      `refuses a tampered value, a wrong secret and a stale timestamp (${signature}), generic and cams SDK`,
      async () => {
        const before = emu.submissions().length;
        const text = VALUE_SHAPES.chinese!;
        const tamper = { param: 'CustName', value: '另一家公司' };
        const refusals = {
          tamper: 'SignatureDoesNotMatch',
          secret: 'SignatureDoesNotMatch',
          stale: 'InvalidTimeStamp.Expired',
        };
        const variations = {
          tamper: { tamper },
          secret: { secret: 'emu-secret-wrong-wrong-wrong' },
          stale: { skew: 3600 },
        };
        const generic = MODES.flatMap((mode) =>
          (['query', 'body'] as const).flatMap((place) =>
            Object.entries(variations).map(([what, extra]) => ({
              id: `${mode}-${place}-${what}`,
              signature,
              mode,
              action: 'SubmitIsvCustomerTerms',
              [place]: shapeParams(space, text),
              ...extra,
            })),
          ),
        );
        const sdk = MODES.flatMap((mode) =>
          Object.entries(variations).map(([what, extra]) => ({
            id: `${mode}-${what}`,
            signature,
            mode,
            op: 'submit',
            fields: {
              cust_space_id: space,
              cust_name: text.custName,
              office_address: text.officeAddress,
              contact_mail: 'partner@example.com',
              country_id: 'CN',
              business_desc: text.businessDesc,
              isv_terms: TERMS_FILE,
            },
            ...extra,
          })),
        );
        const [genericOutcomes, sdkOutcomes] = [
          await runDriver(python, 'openapi-generic.py', driverJob(emu, generic)),
          await runDriver(python, 'cams-sdk.py', driverJob(emu, sdk)),
        ];
        for (const [id, outcome] of [...genericOutcomes, ...sdkOutcomes]) {
          const what = id.split('-').pop() as keyof typeof refusals;
          expect(outcome, id).toMatchObject({ ok: false, code: refusals[what], status: 400 });
        }
        expect(genericOutcomes.size + sdkOutcomes.size).toBe(18);
        expect(emu.submissions().length).toBe(before);
      },
      GROUP_TIMEOUT_MS,
    );
  }
});
