// Each validation rule, checked without any network: the schemas, the helpers and readTermsFile.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ISO_COUNTRY_CODES,
  ValidationError,
  fileNameSchema,
  readTermsFile,
  validateCompanyDetails,
  validateCustomerTerms,
} from '../src/index.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

function issuesOf(run: () => unknown): { field: string; message: string }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

async function asyncIssuesOf(run: () => Promise<unknown>): Promise<{ field: string; message: string }[]> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return [...(error as ValidationError).issues];
}

describe('customer terms fields', () => {
  it('accepts valid input and returns trimmed values with an upper-case country', () => {
    const value = validateCustomerTerms({ ...validTerms(), custName: '  Acme Pte Ltd ', countryId: ' sg ' });
    expect(value.custName).toBe('Acme Pte Ltd');
    expect(value.countryId).toBe('SG');
  });

  it.each(['custSpaceId', 'custName', 'officeAddress', 'contactMail', 'countryId', 'businessDesc', 'isvTerms'])(
    'requires %s and names it',
    (field) => {
      const input: Record<string, unknown> = { ...validTerms() };
      delete input[field];
      expect(issuesOf(() => validateCustomerTerms(input))).toEqual([{ field, message: 'is required' }]);
    },
  );

  it('rejects blank (whitespace-only) values as empty', () => {
    const issues = issuesOf(() => validateCustomerTerms({ ...validTerms(), custName: '   ', officeAddress: '\t' }));
    expect(issues).toEqual([
      { field: 'custName', message: 'must not be empty' },
      { field: 'officeAddress', message: 'must not be empty' },
    ]);
  });

  it('rejects a non-string value', () => {
    expect(issuesOf(() => validateCustomerTerms({ ...validTerms(), custName: 42 }))).toEqual([
      { field: 'custName', message: 'must be a string' },
    ]);
  });

  it('rejects a non-object input', () => {
    expect(issuesOf(() => validateCustomerTerms(null))).toEqual([{ field: 'input', message: 'must be an object' }]);
  });

  it('rejects over-long values', () => {
    const issues = issuesOf(() => validateCustomerTerms({ ...validTerms(), businessDesc: 'x'.repeat(1025) }));
    expect(issues).toEqual([{ field: 'businessDesc', message: 'must be at most 1024 characters' }]);
  });

  it.each(['not-an-email', 'a@', '@example.com', 'two@@example.com', 'a b@example.com'])(
    'rejects contactMail %j',
    (contactMail) => {
      const issues = issuesOf(() => validateCustomerTerms({ ...validTerms(), contactMail }));
      expect(issues).toHaveLength(1);
      expect(issues[0]?.field).toBe('contactMail');
      expect(issues[0]?.message).toMatch(/e-mail address/);
    },
  );

  it('accepts a trimmed e-mail address', () => {
    expect(validateCustomerTerms({ ...validTerms(), contactMail: ' legal@acme.example ' }).contactMail).toBe(
      'legal@acme.example',
    );
  });

  it.each(['XX', 'UK', 'EU', 'ZZ', 'XK', 'C', 'CHN', '86', ''])('rejects countryId %j', (countryId) => {
    const issues = issuesOf(() => validateCustomerTerms({ ...validTerms(), countryId }));
    expect(issues[0]?.field).toBe('countryId');
  });

  it('knows all 249 assigned ISO 3166-1 alpha-2 codes', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    for (const code of ['CN', 'SG', 'ID', 'US', 'GB', 'SS', 'AX']) {
      expect(validateCompanyDetails({ ...validTerms(), countryId: code }).countryId).toBe(code);
    }
  });

  it.each(['space/1', '100 000', '', 'a'.repeat(65)])('rejects custSpaceId %j', (custSpaceId) => {
    const issues = issuesOf(() => validateCustomerTerms({ ...validTerms(), custSpaceId }));
    expect(issues[0]?.field).toBe('custSpaceId');
  });

  it('reports every bad field at once', () => {
    const issues = issuesOf(() =>
      validateCustomerTerms({ ...validTerms(), contactMail: 'nope', countryId: 'XX', isvTerms: '../x.pdf' }),
    );
    expect(issues.map((issue) => issue.field)).toEqual(['contactMail', 'countryId', 'isvTerms']);
    expect(() => validateCustomerTerms({ ...validTerms(), contactMail: 'nope' })).toThrow(/contactMail/);
  });

  it('validateCompanyDetails ignores isvTerms and checks the six company fields', () => {
    const company: Record<string, unknown> = { ...validTerms() };
    delete company['isvTerms'];
    expect(Object.keys(validateCompanyDetails(company)).sort()).toEqual(
      ['businessDesc', 'contactMail', 'countryId', 'custName', 'custSpaceId', 'officeAddress'].sort(),
    );
  });
});

describe('file names', () => {
  it.each(['terms.pdf', 'Acme_2026-terms.v2.PDF', '1.pdf'])('accepts %j', (name) => {
    expect(fileNameSchema.parse(name)).toBe(name);
  });

  it.each([
    ['dir/terms.pdf', /path separators/],
    ['dir\\terms.pdf', /path separators/],
    ['../terms.pdf', /path separators/],
    ['my terms.pdf', /special characters/],
    ['terms#1.pdf', /special characters/],
    ['合同.pdf', /special characters/],
    ['.hidden.pdf', /start with a letter or a digit/],
    ['terms.docx', /\.pdf/],
    ['terms', /\.pdf/],
    ['.pdf', /start with/],
  ])('rejects %j', (name, message) => {
    const result = fileNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('; ')).toMatch(message);
  });
});

describe('readTermsFile', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'core-validation-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a path, defaulting the file name to its base name', async () => {
    const path = join(dir, 'acme-terms.pdf');
    await writeFile(path, samplePdf());
    const file = await readTermsFile(path);
    expect(file.fileName).toBe('acme-terms.pdf');
    expect(file.size).toBe(samplePdf().length);
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.bytes.equals(samplePdf())).toBe(true);
  });

  it('lets fileName override a path base name, and validates a derived name', async () => {
    const path = join(dir, 'with space.pdf');
    await writeFile(path, samplePdf());
    expect((await readTermsFile(path, { fileName: 'renamed.pdf' })).fileName).toBe('renamed.pdf');
    expect(await asyncIssuesOf(() => readTermsFile(path))).toEqual([
      { field: 'fileName', message: expect.stringMatching(/special characters/) as unknown as string },
    ]);
  });

  it('requires fileName for a Buffer, a Uint8Array and a stream', async () => {
    for (const input of [samplePdf(), new Uint8Array(samplePdf()), Readable.from([samplePdf()])]) {
      const issues = await asyncIssuesOf(() => readTermsFile(input));
      expect(issues.map((issue) => issue.field)).toEqual(['fileName']);
    }
  });

  it('reads a Uint8Array view and a chunked stream', async () => {
    const pdf = samplePdf();
    const padded = new Uint8Array(pdf.length + 8);
    padded.set(pdf, 4);
    const view = padded.subarray(4, 4 + pdf.length);
    expect((await readTermsFile(view, { fileName: 'a.pdf' })).bytes.equals(pdf)).toBe(true);
    const chunks = [pdf.subarray(0, 3), pdf.subarray(3, 10), pdf.subarray(10)];
    const fromStream = await readTermsFile(Readable.from(chunks), { fileName: 'b.pdf' });
    expect(fromStream.bytes.equals(pdf)).toBe(true);
  });

  it('rejects a file that is not a PDF, naming the field given', async () => {
    const issues = await asyncIssuesOf(() =>
      readTermsFile(Buffer.from('hello'), { fileName: 'x.pdf', field: 'termsFile' }),
    );
    expect(issues).toEqual([{ field: 'termsFile', message: 'must be a PDF (it does not start with "%PDF-")' }]);
    expect(await asyncIssuesOf(() => readTermsFile(Buffer.alloc(0), { fileName: 'x.pdf' }))).toHaveLength(1);
  });

  it('enforces the size limit for bytes, streams and paths (path checked by stat before reading)', async () => {
    const big = Buffer.concat([samplePdf(), Buffer.alloc(2 * 1024 * 1024)]);
    expect(await asyncIssuesOf(() => readTermsFile(big, { fileName: 'big.pdf' }))).toEqual([
      { field: 'file', message: expect.stringMatching(/at most 2 MiB/) as unknown as string },
    ]);
    const streamIssues = await asyncIssuesOf(() => readTermsFile(Readable.from([big]), { fileName: 'big.pdf' }));
    expect(streamIssues[0]?.message).toMatch(/at most 2 MiB/);
    const path = join(dir, 'big.pdf');
    await writeFile(path, big);
    expect((await asyncIssuesOf(() => readTermsFile(path)))[0]?.message).toMatch(/at most 2 MiB/);
    // A smaller configured limit applies too.
    const small = await asyncIssuesOf(() => readTermsFile(samplePdf(), { fileName: 'a.pdf', maxBytes: 10 }));
    expect(small[0]?.message).toMatch(/at most 10 bytes/);
  });

  it('rejects a missing path and a directory', async () => {
    expect(await asyncIssuesOf(() => readTermsFile(join(dir, 'missing.pdf')))).toEqual([
      { field: 'file', message: expect.stringMatching(/^no such file: missing\.pdf\. Hint: Check the folder/) },
    ]);
    const folder = join(dir, 'folder.pdf');
    await mkdir(folder);
    expect((await asyncIssuesOf(() => readTermsFile(folder)))[0]?.message).toMatch(
      /not a regular file: folder\.pdf\. Hint: Give the path of the PDF itself/,
    );
  });

  it('rejects something that is not a file at all', async () => {
    const issues = await asyncIssuesOf(() => readTermsFile(42 as unknown as string, { fileName: 'a.pdf' }));
    expect(issues[0]?.message).toMatch(/file path, a Buffer/);
  });
});

describe('characters the service refuses', () => {
  const bad: [string, string, RegExp][] = [
    ['a lone surrogate', 'Acme \ud800 Ltd', /lone surrogate, U\+D800 at position 6/],
    ['a lone low surrogate', '\udc00Acme', /lone surrogate, U\+DC00 at position 1/],
    ['NUL', 'Acme\u0000Ltd', /control characters.*U\+0000 at position 5/],
    ['a line feed', 'Acme\nLtd', /U\+000A/],
    ['a carriage return', 'Acme\rLtd', /U\+000D/],
    ['DEL', 'Acme\u007fLtd', /U\+007F/],
    ['a C1 control', 'Acme\u0085Ltd', /U\+0085/],
    ['a line separator', 'Acme\u2028Ltd', /U\+2028/],
  ];

  it.each(bad)('refuses %s in every text field, naming the field and the position', (_label, value, message) => {
    for (const field of ['custName', 'officeAddress', 'businessDesc', 'custSpaceId', 'contactMail', 'isvTerms']) {
      const issues = issuesOf(() => validateCustomerTerms({ ...validTerms(), [field]: value }));
      expect(issues).toEqual([{ field, message: expect.stringMatching(message) as unknown }]);
    }
  });

  it('accepts emoji, accents and non-Latin text (well-formed surrogate pairs)', () => {
    const value = validateCustomerTerms({ ...validTerms(), custName: 'Caf\u00e9 \u4e2d\u6587 \ud83d\ude00' });
    expect(value.custName).toBe('Caf\u00e9 \u4e2d\u6587 \ud83d\ude00');
  });
});
