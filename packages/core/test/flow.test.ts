// The full flow against the real emulator: authorize, upload (path, Buffer, stream), submit; what the emulator
// recorded; validation happening before any network traffic.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, createIsvTermsClient, ValidationError } from '../src/index.js';
import { clientFor, emulator, permitted, recordingLogger } from './helpers/emulator.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;
let dir: string;

beforeAll(async () => {
  emu = await emulator();
  dir = await mkdtemp(join(tmpdir(), 'core-flow-'));
});

afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

function company(custSpaceId: string) {
  const { isvTerms: _unused, ...rest } = validTerms(custSpaceId);
  void _unused;
  return rest;
}

describe('submitCustomerTerms', () => {
  it('authorizes, uploads a file from a path and submits it; the emulator records both', async () => {
    const account = permitted(emu);
    const space = account.custSpaceIds[0] ?? '';
    const path = join(dir, 'acme-terms.pdf');
    const pdf = samplePdf('Acme agreement');
    await writeFile(path, pdf);
    const logger = recordingLogger();
    const client = clientFor(emu, account, { logger });

    const result = await client.submitCustomerTerms({ ...company(space), termsFile: path });

    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(result.upload).toEqual({
      isvTerms: 'acme-terms.pdf',
      objectKey: `C${space}/acme-terms.pdf`,
      sha256,
      size: pdf.length,
      attempts: 1,
    });
    expect(result.submit.attempts).toBe(1);
    expect(result.submit.code).toBe('OK');
    expect(result.submit.requestId).not.toBe('');

    const submission = emu.submissions().find((entry) => entry.requestId === result.submit.requestId);
    expect(submission).toMatchObject({
      custSpaceId: space,
      custName: 'Acme Pte Ltd',
      countryId: 'SG',
      contactMail: 'legal@acme.example',
      isvTerms: 'acme-terms.pdf',
      objectKey: result.upload.objectKey,
      accessKeyId: account.accessKeyId,
    });
    const stored = emu.objects().find((object) => object.key === result.upload.objectKey);
    expect(stored?.sha256).toBe(sha256);
    expect(stored?.size).toBe(pdf.length);
    expect(logger.lines.filter((line) => line.level === 'info').map((line) => line.message)).toEqual([
      'upload authorization received',
      'terms file uploaded',
      'customer terms submitted',
    ]);
  });

  it('uploads from a Buffer, a Uint8Array and a stream under the given file name', async () => {
    const account = permitted(emu);
    const space = account.custSpaceIds[1] ?? '';
    const client = clientFor(emu, account);
    const inputs = [
      { termsFile: samplePdf('buffer'), fileName: 'from-buffer.pdf' },
      { termsFile: new Uint8Array(samplePdf('bytes')), fileName: 'from-bytes.pdf' },
      {
        termsFile: Readable.from([samplePdf('stream').subarray(0, 7), samplePdf('stream').subarray(7)]),
        fileName: 'from-stream.pdf',
      },
    ];
    for (const input of inputs) {
      const result = await client.submitCustomerTerms({ ...company(space), ...input });
      expect(result.upload.objectKey).toBe(`C${space}/${input.fileName}`);
      expect(
        emu
          .objects()
          .some((object) => object.key === result.upload.objectKey && object.sha256 === result.upload.sha256),
      ).toBe(true);
    }
    const versions = emu
      .submissions()
      .filter((entry) => entry.custSpaceId === space)
      .map((entry) => entry.version);
    expect(versions).toEqual([1, 2, 3]);
  });

  it('the three steps can be called one by one', async () => {
    const account = permitted(emu);
    const space = account.custSpaceIds[2] ?? '';
    const client = clientFor(emu, account);
    const auth = await client.getUploadAuthorization({ custSpaceId: space });
    expect(auth.dir).toBe(`C${space}`);
    expect(auth.expireSeconds).toBeGreaterThan(0);
    const upload = await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'step.pdf' });
    expect(upload.objectKey).toBe(`${auth.dir}/step.pdf`);
    const submit = await client.submitIsvCustomerTerms({ ...company(space), isvTerms: upload.isvTerms });
    expect(submit).toMatchObject({ code: 'OK', message: 'OK' });
    expect(emu.submissions().some((entry) => entry.requestId === submit.requestId)).toBe(true);
  });

  it('validates everything before the first request: nothing reaches the emulator', async () => {
    const before = emu.stats().requests;
    const client = clientFor(emu, permitted(emu));
    const error = await client
      .submitCustomerTerms({
        ...company('100000000000001'),
        contactMail: 'not-mail',
        countryId: 'XX',
        termsFile: Buffer.from('not a pdf'),
        fileName: 'bad name.pdf',
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field).sort()).toEqual(
      ['contactMail', 'countryId', 'fileName', 'termsFile'].sort(),
    );
    await expect(client.uploadTermsFile({ custSpaceId: 'a/b', file: samplePdf(), fileName: 'x.pdf' })).rejects.toThrow(
      /custSpaceId/,
    );
    await expect(client.getUploadAuthorization({ custSpaceId: ' ' })).rejects.toThrow(/custSpaceId: must not be empty/);
    await expect(
      client.submitIsvCustomerTerms({ ...company('100000000000001'), isvTerms: '../etc/passwd.pdf' }),
    ).rejects.toThrow(/isvTerms/);
    expect(emu.stats().requests).toBe(before);
  });

  it('sends trimmed values', async () => {
    const account = permitted(emu);
    const space = account.custSpaceIds[0] ?? '';
    const client = clientFor(emu, account);
    const result = await client.submitCustomerTerms({
      ...company(space),
      custName: '  Trimmed Co  ',
      countryId: 'sg',
      termsFile: samplePdf(),
      fileName: ' trimmed.pdf ',
    });
    const submission = emu.submissions().find((entry) => entry.requestId === result.submit.requestId);
    expect(submission).toMatchObject({ custName: 'Trimmed Co', countryId: 'SG', isvTerms: 'trimmed.pdf' });
  });
});

describe('configuration', () => {
  it('rejects a bad endpoint, region or limit at construction', () => {
    expect(() => createIsvTermsClient({ endpoint: 'ftp://example.com' })).toThrow(ConfigurationError);
    expect(() => createIsvTermsClient({ endpoint: 'http://127.0.0.1:1/path' })).toThrow(/endpoint/);
    expect(() => createIsvTermsClient({ region: 'Not A Region' })).toThrow(/region/);
    expect(() => createIsvTermsClient({ quota: { requestsPerSecond: 0 } })).toThrow(/quota/);
    expect(() => createIsvTermsClient({ timeoutMs: -5 })).toThrow(/timeoutMs/);
  });

  it('reports missing credentials as a ConfigurationError naming `credentials`, before any request', async () => {
    const before = emu.stats().requests;
    const provider = { getCredential: () => Promise.resolve({ accessKeyId: '', accessKeySecret: '' }) };
    const client = createIsvTermsClient({ endpoint: emu.endpoint, credentials: provider });
    const error = await client
      .getUploadAuthorization({ custSpaceId: '100000000000001' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe('credentials');
    expect(emu.stats().requests).toBe(before);
  });

  it('uses the default credential chain (environment variables) when no credentials are given', async () => {
    const account = permitted(emu);
    const saved = {
      id: process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'],
      secret: process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'],
    };
    process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'] = account.accessKeyId;
    process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = account.accessKeySecret;
    try {
      const client = createIsvTermsClient({ endpoint: emu.endpoint, quota: { requestsPerSecond: 5 } });
      const auth = await client.getUploadAuthorization({ custSpaceId: account.custSpaceIds[0] ?? '' });
      expect(auth.bucketName).not.toBe('');
    } finally {
      if (saved.id === undefined) delete process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'];
      else process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'] = saved.id;
      if (saved.secret === undefined) delete process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
      else process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = saved.secret;
    }
  });

  it('signs with STS credentials (security token) from the emulator', async () => {
    const account = permitted(emu);
    const sts = emu.issueStsCredentials(account.accessKeyId, 600);
    const client = clientFor(emu, sts, { quotaKey: account.accessKeyId });
    const result = await client.submitCustomerTerms({
      ...company(account.custSpaceIds[0] ?? ''),
      termsFile: samplePdf(),
      fileName: 'sts.pdf',
    });
    const submission = emu.submissions().find((entry) => entry.requestId === result.submit.requestId);
    expect(submission?.accessKeyId).toBe(account.accessKeyId);
  });
});
