// The read-back and API-generation options at the edge: bad options and bad input fail before any request, and
// results name the generation that carried the write.
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, createIsvTermsClient, isvTermsNames, ValidationError } from '../src/index.js';
import { clientFor, emulator, permitted } from './helpers/emulator.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await emulator();
});

afterAll(async () => {
  await emu.close();
});

function company(custSpaceId: string) {
  const { isvTerms: _unused, ...rest } = validTerms(custSpaceId);
  void _unused;
  return rest;
}

describe('options', () => {
  it('refuses an unknown apiGeneration and a bad instancePageSize at construction', () => {
    for (const [options, option] of [
      [{ apiGeneration: 'newest' }, 'apiGeneration'],
      [{ instancePageSize: 0 }, 'instancePageSize'],
      [{ instancePageSize: 2.5 }, 'instancePageSize'],
    ] as const) {
      try {
        createIsvTermsClient({ ...(options as object), env: {} });
        expect.unreachable(`${option} should have been refused`);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigurationError);
        expect((error as ConfigurationError).option).toBe(option);
      }
    }
  });
});

describe('input checks before any request', () => {
  it('readCustomerTerms, queryInstance, listInstances and generatePresignedUrl name the bad field', async () => {
    const before = emu.stats().requests;
    const client = clientFor(emu, permitted(emu));
    const cases: [Promise<unknown>, string][] = [
      [client.readCustomerTerms({ custSpaceId: 'has space' }), 'custSpaceId'],
      [client.readCustomerTerms(undefined as never), 'custSpaceId'],
      [client.queryInstance({ instanceId: '' }), 'instanceId'],
      [client.listInstances({ pageIndex: 0 }), 'pageIndex'],
      [client.listInstances({ pageSize: 5000 }), 'pageSize'],
      [client.generatePresignedUrl({ filePath: 'C1/../other.pdf' }), 'filePath'],
    ];
    for (const [call, field] of cases) {
      const error = await call.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toContain(field);
    }
    expect(emu.stats().requests).toBe(before);
  });
});

describe('generation in results', () => {
  it.each(['legacy', 'auto'] as const)(
    '%s: where SubmitIsvCustomerTerms works, the result says legacy',
    async (apiGeneration) => {
      const account = permitted(emu);
      const space = account.custSpaceIds[0] ?? '';
      const client = clientFor(emu, account, { apiGeneration });
      const result = await client.submitCustomerTerms({
        ...company(space),
        termsFile: samplePdf(),
        fileName: `${apiGeneration}.pdf`,
      });
      expect(result.generation).toBe('legacy');
      expect(result.submit).toMatchObject({ generation: 'legacy', isvTerms: `${apiGeneration}.pdf` });
      expect(emu.submissions().some((entry) => entry.requestId === result.submit.requestId)).toBe(true);
    },
  );
});

describe('isvTermsNames', () => {
  const upload = { objectKey: 'C100/acme terms.pdf', isvTerms: 'acme terms.pdf' };
  it('matches a URL by its object key (virtual-hosted or path-style), never by its query', () => {
    expect(isvTermsNames('https://bucket.oss-ap-southeast-1.aliyuncs.com/C100/acme%20terms.pdf', upload)).toBe(true);
    expect(isvTermsNames('http://127.0.0.1:4000/bucket/C100/acme%20terms.pdf?Signature=x', upload)).toBe(true);
    expect(isvTermsNames('https://bucket.example/C100/other.pdf', upload)).toBe(false);
    expect(isvTermsNames('https://bucket.example/XC100/acme%20terms.pdf', upload)).toBe(false);
  });
  it('matches a bare file name or key as a legacy write stores it', () => {
    expect(isvTermsNames('acme terms.pdf', upload)).toBe(true);
    expect(isvTermsNames('C100/acme terms.pdf', upload)).toBe(true);
    expect(isvTermsNames('other.pdf', upload)).toBe(false);
  });
});
