// The library front end of #16: each case a new user meets, fed through the real client against the emulator (or
// a closed port), asserting that the message names the field as the library spells it (core's option names) and
// that errorHint gives the one action that fixes it. No case may say "quote the RequestId" without one.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHint, ValidationError } from '../src/index.js';
import { clientFor, emulator, permitted } from './helpers/emulator.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;
let dir: string;

beforeAll(async () => {
  emu = await emulator();
  dir = await mkdtemp(join(tmpdir(), 'isv-messages-'));
  await writeFile(join(dir, 'acme-terms.pdf'), samplePdf());
  // A terms file that exists but cannot be read. Root reads any file whatever its mode, so there the unreadable
  // "file" is a folder named like the PDF, which no user can read as a file.
  if (process.getuid?.() === 0) await mkdir(join(dir, 'locked.pdf'));
  else {
    await writeFile(join(dir, 'locked.pdf'), samplePdf());
    await chmod(join(dir, 'locked.pdf'), 0o000);
  }
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('library messages name the field and carry the hint', () => {
  it.each([
    ['a custSpaceId with "."', { custSpaceId: 'space.01' }, 'custSpaceId', /letters, digits/],
    ['a path with a trailing \\r', { file: 'acme-terms.pdf\r' }, 'file', /"acme-terms\.pdf\\r"/],
    [
      'a missing file',
      { file: 'missing.pdf' },
      'file',
      /no such file: missing\.pdf\. Hint: Check the folder and the spelling/,
    ],
    [
      'a file that exists but cannot be read',
      { file: 'locked.pdf' },
      'file',
      /(cannot be read \(EACCES\)|is not a regular file).*\. Hint: (.*grant read permission|Give the path of the PDF itself)/,
    ],
  ] as [string, { custSpaceId?: string; file?: string }, string, RegExp][])(
    '%s',
    async (_name, change, field, message) => {
      const client = clientFor(emu, permitted(emu));
      const input = { custSpaceId: validTerms().custSpaceId, file: join(dir, 'acme-terms.pdf'), ...change };
      if (typeof change.file === 'string') input.file = join(dir, change.file);
      const error = await failure(() => client.uploadTermsFile(input));
      expect(error).toBeInstanceOf(ValidationError);
      const issue = (error as ValidationError).issues.find((i) => i.field === field);
      expect(issue?.message).toMatch(message);
    },
  );

  it('a missing termsFile is reported once, on termsFile, without "fileName required for bytes"', async () => {
    const client = clientFor(emu, permitted(emu));
    const company: Record<string, string> = { ...validTerms() };
    delete company['isvTerms'];
    const error = await failure(() => client.submitCustomerTerms({ ...company, termsFile: undefined } as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'termsFile', message: expect.stringMatching(/is required/) },
    ]);
  });

  it('an endpoint without a scheme against plain HTTP: no scheme means HTTPS', async () => {
    const client = clientFor(emu, permitted(emu), { endpoint: new URL(emu.endpoint).host, retry: { maxAttempts: 1 } });
    const error = await failure(() => client.getUploadAuthorization({ custSpaceId: validTerms().custSpaceId }));
    expect(errorHint(error)).toMatch(/without a scheme means HTTPS.*the `endpoint` option with http:\/\/host:port/);
    expect(errorHint(error, { endpoint: '--endpoint' })).toContain('--endpoint');
  });

  it('a refused connection: check the endpoint, no RequestId to quote', async () => {
    const client = clientFor(emu, permitted(emu), { endpoint: 'http://127.0.0.1:1', retry: { maxAttempts: 1 } });
    const error = await failure(() => client.getUploadAuthorization({ custSpaceId: validTerms().custSpaceId }));
    const hint = errorHint(error) ?? '';
    expect(hint).toMatch(/check the `endpoint` option \(scheme, host and port\)/);
    expect(hint).not.toMatch(/RequestId/);
  });

  it('a denied RAM action: names the action to grant', async () => {
    const denied = emu.accounts.find((account) => account.deniedActions.length > 0);
    if (denied === undefined) throw new Error('the seed has no account with denied actions');
    const client = clientFor(emu, denied);
    const [space] = denied.custSpaceIds;
    const error = await failure(() =>
      client.submitIsvCustomerTerms({ ...validTerms(space), isvTerms: 'acme-terms.pdf' }),
    );
    expect(errorHint(error)).toMatch(/grant the RAM action cams:SubmitIsvCustomerTerms/);
  });

  it('a quota the service keeps refusing: once the retries run out, wait and try again', async () => {
    emu.setFaults('GetChatappUploadAuthorization', { throttle: true });
    try {
      const client = clientFor(emu, permitted(emu), { retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50 } });
      const error = await failure(() => client.getUploadAuthorization({ custSpaceId: validTerms().custSpaceId }));
      expect((error as { code?: string }).code).toBe('System.LimitControl');
      expect(errorHint(error)).toMatch(/over its request quota for this operation: wait a few seconds and try again/);
    } finally {
      emu.clearFaults('GetChatappUploadAuthorization');
    }
  });

  it('no credentials: every source in order and the requested profile that does not exist', () => {
    const script = `import('./dist/index.js').then(async ({ createIsvTermsClient }) => {
      try { await createIsvTermsClient({ endpoint: 'http://127.0.0.1:1' }).getUploadAuthorization({ custSpaceId: 'abc' }); }
      catch (error) { process.stdout.write(error.message); } });`;
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: join(import.meta.dirname, '..'),
      env: {
        PATH: process.env['PATH'],
        HOME: dir,
        ALIBABA_CLOUD_PROFILE: 'acme',
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      },
      encoding: 'utf8',
    });
    expect(out).toContain('the profile "acme" named by ALIBABA_CLOUD_PROFILE was not found');
    const order = ['ALIBABA_CLOUD_ACCESS_KEY_ID', '~/.aliyun/config.json', '~/.alibabacloud/credentials', 'ECS'];
    const tried = out.slice(out.indexOf('Tried, in order:'));
    const positions = order.map((source) => tried.indexOf(source));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out).not.toContain('pass `credentials`');
  });
});
