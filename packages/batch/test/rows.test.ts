// Reading and validating rows offline: the CSV cases users broke by hand (BOM, CRLF, quoted commas and newlines,
// UTF-8 names), YAML and JSON, column names in core's and the API's spelling, and the errors that make a file
// unusable (missing column, duplicate id, unreadable file).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchInputError, mapColumns, readRows, rowsFromObjects, validateRows } from '../src/index.js';

let dir: string;
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'batch-rows-'));
  await writeFile(join(dir, 'a.pdf'), pdf('a'));
  await writeFile(join(dir, 'b.pdf'), pdf('b'));
  await writeFile(join(dir, 'not-a-pdf.pdf'), 'hello');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function inputError(promise: Promise<unknown>): Promise<BatchInputError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BatchInputError);
  return error as BatchInputError;
}

const HEADER = 'id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile';

describe('readRows', () => {
  it('reads a CSV with a BOM, CRLF, quoted commas, quoted newlines and UTF-8 names', async () => {
    const csv =
      '\uFEFF' +
      [
        HEADER,
        'r1,100,"Müller, Söhne & Co.","1 Road,\nSuite 2",a@x.example,de,"Orders, receipts",a.pdf',
        'r2,200,株式会社テスト,Tokyo,b@x.example,JP,Support,b.pdf',
        ',,,,,,,',
      ].join('\r\n') +
      '\r\n';
    const { rows, format } = await readRows(await write('quirks.csv', csv));
    expect(format).toBe('csv');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: 'r1',
      values: { custName: 'Müller, Söhne & Co.', officeAddress: '1 Road,\nSuite 2', businessDesc: 'Orders, receipts' },
    });
    expect(rows[1]?.values.custName).toBe('株式会社テスト');
  });

  it("accepts the API's wire names in any case and lists unused columns", async () => {
    const csv =
      'ID,CUSTSPACEID,custname,OfficeAddress,contact_mail,Country Id,BusinessDesc,IsvTerms,notes\n1,2,3,4,5,6,7,8,9\n';
    const { rows, mapping } = await readRows(await write('wire.csv', csv));
    expect(rows[0]?.values).toMatchObject({ custSpaceId: '2', contactMail: '5', countryId: '6', termsFile: '8' });
    expect(mapping.ignored).toEqual(['notes']);
  });

  it('names a missing column', async () => {
    const error = await inputError(readRows(await write('missing.csv', 'id,custSpaceId,custName\n1,2,3\n')));
    expect(error.issues.map((issue) => issue.field)).toEqual([
      'officeAddress',
      'contactMail',
      'countryId',
      'businessDesc',
      'termsFile',
    ]);
    expect(error.message).toContain('no column for officeAddress');
  });

  it('refuses duplicate and empty ids, naming the rows', async () => {
    const body = ['a,1,n,o,m,SG,d,a.pdf', 'b,2,n,o,m,SG,d,a.pdf', 'a,3,n,o,m,SG,d,a.pdf', ' ,4,n,o,m,SG,d,a.pdf'];
    const error = await inputError(readRows(await write('dup.csv', [HEADER, ...body].join('\n'))));
    expect(error.issues).toEqual([
      expect.objectContaining({ row: 3, field: 'id', message: 'duplicate id "a" (also row 1)' }),
      expect.objectContaining({ row: 4, field: 'id' }),
    ]);
  });

  it('refuses two columns for one field', async () => {
    const error = await inputError(readRows(await write('twice.csv', `${HEADER},CustName\n`)));
    expect(error.message).toContain('several columns name custName');
  });

  it('reports an unreadable, a non-UTF-8 and a malformed file clearly', async () => {
    expect((await inputError(readRows(join(dir, 'nope.csv')))).message).toContain('no such file');
    expect((await inputError(readRows(dir + '/'))).message).toContain('unknown extension');
    const latin1 = Buffer.concat([
      Buffer.from(`${HEADER}\n1,2,M`),
      Buffer.from([0xfc]),
      Buffer.from('ller,o,m,SG,d,a.pdf\n'),
    ]);
    expect((await inputError(readRows(await write('latin1.csv', latin1)))).message).toContain('not UTF-8');
    const ragged = `${HEADER}\n1,2,"unterminated\n`;
    expect((await inputError(readRows(await write('ragged.csv', ragged)))).message).toContain('not valid CSV');
  });

  it('reads YAML as strings only and JSON lists', async () => {
    const yaml = `customers:\n  - id: 1\n    custSpaceId: 0123\n    custName: Norway AS\n    officeAddress: Oslo\n    contactMail: n@x.example\n    countryId: NO\n    businessDesc: Shipping\n    termsFile: a.pdf\n`;
    const { rows } = await readRows(await write('c.yaml', yaml));
    expect(rows[0]?.values).toMatchObject({ custSpaceId: '0123', countryId: 'NO' });
    const json = JSON.stringify([
      {
        id: 7,
        CustSpaceId: 300,
        CustName: 'J',
        OfficeAddress: 'o',
        ContactMail: 'j@x.example',
        CountryId: 'SG',
        BusinessDesc: 'd',
        IsvTerms: 'a.pdf',
      },
    ]);
    const parsed = await readRows(await write('c.json', json));
    expect(parsed.rows[0]).toMatchObject({ id: '7', values: { custSpaceId: '300' } });
    expect((await inputError(readRows(await write('bad.json', '{"x": 1}')))).message).toContain('list of customers');
  });
});

describe('rowsFromObjects', () => {
  it('maps in-memory objects like a file, with the same checks', () => {
    const { rows } = rowsFromObjects([
      {
        id: 'a',
        CustSpaceId: 1,
        CustName: 'A',
        OfficeAddress: 'o',
        ContactMail: 'm',
        CountryId: 'SG',
        BusinessDesc: 'd',
        IsvTerms: 'a.pdf',
      },
    ]);
    expect(rows[0]).toMatchObject({ id: 'a', values: { custSpaceId: '1', termsFile: 'a.pdf' } });
    expect(() => rowsFromObjects([{ id: 'a' }], 'arguments.customers')).toThrow(
      /arguments\.customers: custSpaceId: no column/,
    );
  });
});

describe('validateRows', () => {
  it('checks every row with core rules and the PDF offline, and fingerprints the good ones', async () => {
    const csv = [
      HEADER,
      'ok,100,Acme,Road 1,a@x.example,sg,Orders,a.pdf',
      'bad,101,Acme,Road 1,not-mail,XX,Orders,not-a-pdf.pdf',
      'gone,102,Acme,Road 1,a@x.example,SG,Orders,missing.pdf',
      'twin,100,Acme,Road 1,a@x.example,SG,Orders,b.pdf',
    ].join('\n');
    const file = await write('validate.csv', csv);
    const { rows } = await readRows(file);
    const result = await validateRows(rows, { inputFile: file });
    expect(result.valid.map((row) => row.id)).toEqual(['ok']);
    expect(result.valid[0]?.details.countryId).toBe('SG');
    expect(result.valid[0]?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const byRow = result.problems.map((problem) => `${problem.id}:${problem.field}`);
    expect(byRow).toEqual(['bad:contactMail', 'bad:countryId', 'bad:termsFile', 'gone:termsFile', 'twin:custSpaceId']);
  });

  it('resolves termsFile against --files instead of the input folder', async () => {
    const sub = await mkdtemp(join(dir, 'in-'));
    const file = join(sub, 'c.csv');
    await writeFile(file, `${HEADER}\nx,100,Acme,Road,a@x.example,SG,Orders,a.pdf\n`);
    const { rows } = await readRows(file);
    expect((await validateRows(rows, { inputFile: file })).problems[0]?.message).toContain('no such file');
    expect((await validateRows(rows, { inputFile: file, filesDir: dir })).valid).toHaveLength(1);
  });

  it('maps headers case-insensitively to one field each', () => {
    expect(mapColumns(['custspaceid', 'CUSTNAME']).columns).toEqual({
      custSpaceId: 'custspaceid',
      custName: 'CUSTNAME',
    });
  });
});
