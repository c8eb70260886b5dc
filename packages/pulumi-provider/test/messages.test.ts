// The Pulumi front end of #16: each case a new user meets, through the provider's own check and create against the
// emulator (or a closed port), asserting that the failure names the property as the program spells it (termsFile,
// fileName, custSpaceId) and carries the hint for the error class in Pulumi's words (the stack config keys).
import { chmod, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TEST_ACCESS_KEY_ID,
  TEST_ACCESS_KEY_SECRET,
  companyDetails,
  createTestProject,
  loadProviderPackage,
  type TestProject,
} from './helpers.js';

const { createIsvCustomerTermsProvider } = loadProviderPackage();
const SPACE = 'messages-1';
const DENIED = { accessKeyId: 'test-access-key-id-denied', accessKeySecret: 'test-secret-denied-0123456789' };
let emu: Emulator;
let project: TestProject;

beforeAll(async () => {
  emu = await startEmulator({
    host: '127.0.0.1',
    seed: {
      accounts: [
        {
          accessKeyId: TEST_ACCESS_KEY_ID,
          accessKeySecret: TEST_ACCESS_KEY_SECRET,
          subscribed: true,
          deniedActions: [],
          custSpaceIds: [SPACE],
        },
        {
          ...DENIED,
          subscribed: true,
          deniedActions: ['cams:GetChatappUploadAuthorization'],
          custSpaceIds: ['messages-2'],
        },
      ],
    },
  });
  project = await createTestProject();
  await project.writePdf('acme-terms.pdf', 'acme');
  await project.writePdf('acme terms.pdf', 'acme');
  // A termsFile that exists but cannot be read; root reads any file whatever its mode, so there it is a folder.
  if (process.getuid?.() === 0) await mkdir(join(project.dir, 'locked.pdf'));
  else await chmod(join(project.dir, await project.writePdf('locked.pdf', 'locked')), 0o000);
});
afterAll(async () => {
  await emu.close();
  await project.remove();
});

type ClientOptions = { endpoint?: string; credentials?: unknown; retry?: { maxAttempts: number } };

function provider(clientOptions: ClientOptions = {}) {
  return createIsvCustomerTermsProvider({
    cwd: project.dir,
    clientOptions: {
      endpoint: emu.endpoint,
      credentials: { accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET },
      retry: { maxAttempts: 1 },
      ...clientOptions,
    } as never,
    warn: () => undefined,
  });
}

async function failures(news: Record<string, unknown>) {
  const result = await provider().check({} as never, { ...companyDetails(SPACE), ...news } as never);
  return result.failures ?? [];
}

describe('Pulumi check names the property as the program spells it', () => {
  it.each([
    ['custSpaceId with "."', { custSpaceId: 'space.01' }, 'custSpaceId', /letters, digits/],
    ['a termsFile path with a trailing \\r', { termsFile: 'acme-terms.pdf\r' }, 'termsFile', /"acme-terms\.pdf\\r"/],
    ['a missing termsFile', { termsFile: undefined }, 'termsFile', /is required/],
    ['a bad fileName', { termsFile: 'acme-terms.pdf', fileName: 'acme terms.pdf' }, 'fileName', /no spaces/],
    ['a termsFile whose own name is bad', { termsFile: 'acme terms.pdf' }, 'termsFile', /its file name .*set fileName/],
    [
      'a termsFile that does not exist',
      { termsFile: 'missing.pdf' },
      'termsFile',
      /no such file: missing\.pdf\. Hint: Check the folder and the spelling/,
    ],
    [
      'a termsFile that exists but cannot be read',
      { termsFile: 'locked.pdf' },
      'termsFile',
      /(cannot be read \(EACCES\)|is not a regular file).*\. Hint: (.*grant read permission|Give the path of the PDF itself)/,
    ],
  ] as [string, Record<string, unknown>, string, RegExp][])('%s', async (_name, news, property, reason) => {
    const found = await failures({ termsFile: 'acme-terms.pdf', ...news });
    expect(found.map((f) => f.property)).toEqual([property]);
    expect(found[0]?.reason).toMatch(reason);
    // A missing termsFile is not a missing "fileName for bytes or a stream": that is library speech.
    expect(JSON.stringify(found)).not.toMatch(/bytes or a stream/);
  });

  it('reports every bad property at once', async () => {
    const found = await failures({ custSpaceId: 'space.01', contactMail: 'nobody', termsFile: 'missing.pdf' });
    expect(found.map((f) => f.property).sort()).toEqual(['contactMail', 'custSpaceId', 'termsFile']);
  });
});

describe('Pulumi create carries the hint in stack config words', () => {
  it.each([
    [
      'an endpoint without a scheme against plain HTTP',
      { endpoint: '' },
      SPACE,
      [/without a scheme means HTTPS/, /chatapp-isv:endpoint/],
    ],
    [
      'a refused connection',
      { endpoint: 'http://127.0.0.1:1' },
      SPACE,
      [/check `chatapp-isv:endpoint` in the stack config \(scheme, host and port\)/],
    ],
    [
      'a denied RAM action',
      { credentials: DENIED },
      'messages-2',
      [/grant the RAM action cams:GetChatappUploadAuthorization/],
    ],
    [
      'a quota the service keeps refusing, until the retries run out',
      { retry: { maxAttempts: 3 } },
      SPACE,
      [/System\.LimitControl/, /Hint: The account is over its request quota for this operation: wait a few seconds/],
    ],
    [
      'no credentials',
      { credentials: { getCredential: () => Promise.reject(new Error('none')) } },
      SPACE,
      [/~\/\.aliyun\/config\.json/, /~\/\.alibabacloud\/credentials/, /pulumi config set/],
    ],
  ] as [string, ClientOptions, string, RegExp[]][])('%s', async (name, options, space, expected) => {
    const resolved = options.endpoint === '' ? { ...options, endpoint: new URL(emu.endpoint).host } : options;
    const p = provider(resolved);
    // The quota case: the service refuses every authorization as over quota, for as long as the case runs.
    const throttled = name.startsWith('a quota');
    if (throttled) emu.setFaults('GetChatappUploadAuthorization', { throttle: true });
    const checked = await p.check({} as never, { ...companyDetails(space), termsFile: 'acme-terms.pdf' } as never);
    const error = await p.create(checked.inputs as never).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    if (throttled) emu.clearFaults('GetChatappUploadAuthorization');
    for (const pattern of expected) expect(error?.message).toMatch(pattern);
    if (!/RequestId/.test(error?.message ?? '')) expect(error?.message).not.toMatch(/quote the RequestId/);
    expect(error?.message).not.toContain('pass `credentials`');
  });
});
