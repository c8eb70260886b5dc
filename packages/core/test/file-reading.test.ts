// readTermsFile where the file is not what it first seems: a path whose size stat() does not know (or that grows
// after it), a stream that fails or yields something other than bytes, and a stream that is never read because the
// file name is already wrong. Each is refused with a ValidationError naming the field, and nothing is uploaded.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError, readTermsFile } from '../src/index.js';
import { clientFor, emulator, permitted } from './helpers/emulator.js';
import { samplePdf } from './helpers/fixtures.js';

let emu: Emulator;
let dir: string;

beforeAll(async () => {
  emu = await emulator();
  dir = await mkdtemp(join(tmpdir(), 'core-file-reading-'));
});

afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('reading the terms file', () => {
  it('holds a path to the limit by what is read, not by what stat() reported', async () => {
    // Kernel files report size 0 to stat() and still hold content: the same as a file that grows after the check.
    const procFile = '/proc/self/status';
    const error = await validationError(readTermsFile(procFile, { fileName: 'status.pdf', maxBytes: 100 }));
    expect(error.issues).toEqual([{ field: 'file', message: expect.stringMatching(/at most 100 bytes/) as unknown }]);

    const before = emu.stats().requests;
    const client = clientFor(emu, permitted(emu), { maxFileBytes: 100 });
    const upload = client.uploadTermsFile({
      custSpaceId: permitted(emu).custSpaceIds[0] ?? '',
      file: procFile,
      fileName: 'status.pdf',
    });
    expect((await validationError(upload)).issues[0]?.field).toBe('file');
    expect(emu.stats().requests).toBe(before);
  });

  it('reports a stream that fails to read as a ValidationError naming the field', async () => {
    const stream = createReadStream(join(dir, 'missing.pdf'));
    const error = await validationError(readTermsFile(stream, { fileName: 'missing.pdf', field: 'termsFile' }));
    expect(error.issues).toEqual([
      { field: 'termsFile', message: expect.stringMatching(/^cannot be read \(ENOENT\)\. Hint: Check the folder/) },
    ]);
  });

  it('refuses a stream of things that are not bytes', async () => {
    const error = await validationError(readTermsFile(Readable.from([1, 2, 3]), { fileName: 'numbers.pdf' }));
    expect(error.issues).toEqual([{ field: 'file', message: expect.stringMatching(/bytes or strings/) as unknown }]);
  });

  it('releases a stream it does not read because the file name is already wrong', async () => {
    const path = join(dir, 'terms.pdf');
    await writeFile(path, samplePdf());
    const stream = createReadStream(path);
    const error = await validationError(readTermsFile(stream, { fileName: 'bad name.pdf' }));
    expect(error.issues.map((issue) => issue.field)).toEqual(['fileName']);
    expect(stream.destroyed).toBe(true);
  });

  it('abandons a stream that never ends once the read deadline passes, and destroys it', async () => {
    // Starts like a PDF, then stalls for ever: without the deadline the read would hang the caller.
    const stalled = new Readable({ read() {} });
    stalled.push(samplePdf().subarray(0, 64));
    const error = await validationError(
      readTermsFile(stalled, { fileName: 'stalled.pdf', field: 'termsFile', readTimeoutMs: 200 }),
    );
    expect(error.issues).toEqual([
      { field: 'termsFile', message: expect.stringMatching(/not read completely within 200 ms/) as unknown },
    ]);
    expect(stalled.destroyed).toBe(true);
  });

  it('a never-ending stream given to the client fails within timeoutMs, before anything is sent', async () => {
    const endless = new Readable({
      read() {
        // A trickle that never ends and stays under the size limit for far longer than the deadline.
        setTimeout(() => this.push(Buffer.from('%PDF-')), 20);
      },
    });
    const before = emu.stats().requests;
    const client = clientFor(emu, permitted(emu), { timeoutMs: 300 });
    const error = await validationError(
      client.submitCustomerTerms({
        custSpaceId: permitted(emu).custSpaceIds[0] ?? '',
        custName: 'Acme Pte Ltd',
        officeAddress: '1 Example Road',
        contactMail: 'legal@acme.example',
        countryId: 'SG',
        businessDesc: 'Order updates',
        termsFile: endless,
        fileName: 'endless.pdf',
      }),
    );
    expect(error.issues.map((issue) => issue.field)).toEqual(['termsFile']);
    expect(endless.destroyed).toBe(true);
    expect(emu.stats().requests).toBe(before);
  });
});
