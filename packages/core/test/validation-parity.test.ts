// Validation = the service's rules: whatever core accepts, the emulator must accept too, or a customer's agreement
// is uploaded and then refused. A seeded generator makes well over 1,000 field values (control characters, lone
// surrogates, emoji, URL-special characters, lengths at every limit, near-miss e-mails and country codes); each value
// core accepts goes through the real client to the emulator, which must not answer with a parameter error. The
// emulator runs with a generous quota (1,000 requests a second), so the run is bounded by the machine, not the 5/s.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatAppError,
  ValidationError,
  createIsvTermsClient,
  createQuotaLimiter,
  validateCustomerTerms,
  type IsvTermsClient,
} from '../src/index.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;
let client: IsvTermsClient;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, rateLimitPerSecond: 1000 });
  const account = emu.accounts[0];
  if (account === undefined) throw new Error('no account');
  client = createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
    quota: createQuotaLimiter({ requestsPerSecond: 1000, safetyMarginMs: 0 }),
    retry: { maxAttempts: 1 },
  });
  await client.uploadTermsFile({ custSpaceId: space(), file: samplePdf(), fileName: 'parity.pdf' });
});

afterAll(async () => {
  await emu.close();
});

function space(): string {
  return emu.accounts[0]?.custSpaceIds[0] ?? '';
}

/** mulberry32: a small seeded generator, so a failure names a reproducible value. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = seeded(20261202);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Pieces that stress the rules and the wire: controls, surrogates, URL-special and non-Latin text. */
const PIECES = [
  'a',
  'Z',
  '7',
  ' ',
  '  ',
  '-',
  '_',
  '.',
  '@',
  '%',
  '%41',
  '+',
  '&',
  '=',
  '?',
  '#',
  '/',
  '\\',
  '"',
  "'",
  '*',
  '~',
  '!',
  '(',
  ')',
  ',',
  ';',
  ':',
  '<',
  '>',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
  '\u00a0',
  '\u00e9',
  '\u00df',
  '\u4e2d\u6587',
  '\u0627\u0644\u0639',
  '\u05d0',
  '\u200b',
  '\u200d',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '\ud83d\ude00',
  '\ud83c\udff3\ufe0f',
  '\ud800',
  '\udc00',
  '\udbff',
  'e\u0301',
  'Acme',
  'Pte',
  'Ltd',
  '1 Example Road',
  'SG',
  'pdf',
  '.pdf',
  'x.pdf',
];

function randomText(maxPieces: number): string {
  let text = '';
  const count = 1 + Math.floor(random() * maxPieces);
  for (let i = 0; i < count; i += 1) text += pick(PIECES);
  return text;
}

/** Text of exactly `length` UTF-16 units, around a limit. */
function sized(length: number): string {
  const unit = pick(['a', '\u4e2d', 'b c']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function values(field: string, count: number): string[] {
  const out: string[] = [];
  const limits: Record<string, number> = {
    custSpaceId: 64,
    custName: 256,
    officeAddress: 512,
    contactMail: 128,
    businessDesc: 1024,
    isvTerms: 128,
  };
  const limit = limits[field];
  if (limit !== undefined) for (const delta of [-1, 0, 1]) out.push(sized(limit + delta));
  while (out.length < count) {
    const base = randomText(8);
    switch (field) {
      case 'contactMail':
        out.push(
          `${pick([base, 'legal', 'a.b', 'x+y'])}@${pick([base, 'acme', 'ex-ample'])}.${pick([base, 'com', 'sg', 'c'])}`,
        );
        break;
      case 'countryId':
        out.push(pick([`${pick([...LETTERS])}${pick([...LETTERS])}`, base.slice(0, 3), ` ${pick([...LETTERS])}g `]));
        break;
      case 'isvTerms':
        out.push(`${pick([base, 'terms', 'a_b-c'])}${pick(['.pdf', '.PDF', '', '.pdf.exe'])}`);
        break;
      case 'custSpaceId':
        out.push(pick([base, space(), `${space()}${pick(PIECES)}`]));
        break;
      default:
        out.push(base);
    }
  }
  return out;
}

const FIELDS = ['custSpaceId', 'custName', 'officeAddress', 'contactMail', 'countryId', 'businessDesc', 'isvTerms'];
const PER_FIELD = 160;

/** Answers that are about the request's content, not its form: the space or the file, never a parameter. */
const BUSINESS_CODES = new Set(['Unknown.ResourceOwnerId', 'InvalidIsvTerms.NotFound']);

describe('validation parity with the service', () => {
  it(`whatever core accepts the emulator accepts (${FIELDS.length * PER_FIELD} generated values)`, async () => {
    const cases = FIELDS.flatMap((field) => values(field, PER_FIELD).map((value) => ({ field, value })));
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    let accepted = 0;
    let refused = 0;
    const mismatches: string[] = [];
    const before = emu.stats().operations.SubmitIsvCustomerTerms.requests;
    for (let start = 0; start < cases.length; start += 50) {
      await Promise.all(
        cases.slice(start, start + 50).map(async ({ field, value }) => {
          const input = { ...validTerms(space()), isvTerms: 'parity.pdf', [field]: value };
          try {
            validateCustomerTerms(input);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            // Every refusal names the field it is about.
            expect((error as ValidationError).issues.map((issue) => issue.field)).toContain(field);
            refused += 1;
            return;
          }
          accepted += 1;
          try {
            await client.submitIsvCustomerTerms(input);
          } catch (error) {
            const code = error instanceof ChatAppError ? error.code : String(error);
            if (!BUSINESS_CODES.has(code)) mismatches.push(`${field}=${JSON.stringify(value)}: ${code}`);
          }
        }),
      );
    }
    expect(mismatches).toEqual([]);
    // Both sides of the rules were exercised, and every accepted value really reached the emulator.
    expect(accepted).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(200);
    expect(emu.stats().operations.SubmitIsvCustomerTerms.requests - before).toBe(accepted);
  }, 110_000);
});
