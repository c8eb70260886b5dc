// The MCP front end of #16: each case a new user meets, through a real MCP client and the real core client against
// the emulator (or a closed port), asserting that the answer names the field as the tool spells it (filePath,
// contentBase64, custSpaceId) and carries the hint for the error class, in the server's words (--endpoint, the
// environment, the profile files), never "pass `credentials`" and never a RequestId to quote when there is none.
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company, connectInMemory, makeTree, pdf, textOf, type Tree } from './helpers.js';
import { core } from './native.js';

const KEY = { accessKeyId: 'FAKEmessagestests001', accessKeySecret: 'messages-tests-secret-not-real-01' };
const DENIED = { accessKeyId: 'FAKEmessagestests002', accessKeySecret: 'messages-tests-secret-not-real-02' };
const SPACE = '740000000000001';
const DENIED_SPACE = '740000000000002';
let emu: Emulator;
let tree: Tree;

beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      accounts: [
        { ...KEY, subscribed: true, deniedActions: [], custSpaceIds: [SPACE] },
        {
          ...DENIED,
          subscribed: true,
          deniedActions: ['cams:GetChatappUploadAuthorization'],
          custSpaceIds: [DENIED_SPACE],
        },
      ],
    },
  });
  tree = await makeTree();
  await writeFile(join(tree.allowed, 'acme-terms.pdf'), pdf('acme'));
  // A PDF that exists but cannot be read; root reads any file whatever its mode, so there it is a folder.
  if (process.getuid?.() === 0) await mkdir(join(tree.allowed, 'locked.pdf'));
  else {
    await writeFile(join(tree.allowed, 'locked.pdf'), pdf('locked'));
    await chmod(join(tree.allowed, 'locked.pdf'), 0o000);
  }
});
afterAll(async () => {
  await emu.close();
  await tree.remove();
});

type Options = Parameters<typeof core.createIsvTermsClient>[0];

async function call(tool: string, args: Record<string, unknown>, options: Options = {}): Promise<string> {
  const client = core.createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: KEY,
    retry: { maxAttempts: 1 },
    ...options,
  });
  const session = await connectInMemory({ era: 'modern', client, config: { allowDirs: [tree.allowed] } });
  try {
    const result = await session.client.callTool({ name: tool, arguments: args });
    expect(result.isError).toBe(true);
    return textOf(result);
  } finally {
    await session.close();
  }
}

/** The case whose authorization the service refuses as over quota, every time. */
const THROTTLED = 'a quota the service keeps refusing, until the retries run out';

const upload = (args: Record<string, unknown> = {}) => ({ custSpaceId: SPACE, filePath: 'acme-terms.pdf', ...args });

describe('MCP tool messages name the field and carry the hint', () => {
  const cases: [string, string, Record<string, unknown>, Options, RegExp[]][] = [
    [
      'custSpaceId with "."',
      'validate_isv_customer_terms',
      company('space.01'),
      {},
      [/custSpaceId: must contain only letters, digits/],
    ],
    [
      'bad base64',
      'upload_isv_terms_file',
      { custSpaceId: SPACE, contentBase64: '@@', fileName: 'a.pdf' },
      {},
      [/contentBase64: must be standard base64/],
    ],
    [
      'a path with a trailing \\r',
      'upload_isv_terms_file',
      upload({ filePath: 'acme-terms.pdf\r' }),
      {},
      [/filePath does not exist/, /"acme-terms\.pdf\\r"/],
    ],
    [
      'a filePath that does not exist',
      'upload_isv_terms_file',
      upload({ filePath: 'missing.pdf' }),
      {},
      [/filePath does not exist/, /Hint: Check the folder and the spelling of the file name/],
    ],
    [
      'a filePath that exists but cannot be read',
      'upload_isv_terms_file',
      upload({ filePath: 'locked.pdf' }),
      {},
      [
        /filePath (exists but the server may not read it|is not a regular file)/,
        /Hint: (.*grant read permission|Give the path of the PDF itself)/,
      ],
    ],
    [
      THROTTLED,
      'upload_isv_terms_file',
      upload(),
      { retry: { maxAttempts: 3 } },
      [/System\.LimitControl/, /Hint: The account is over its request quota for this operation: wait a few seconds/],
    ],
    [
      'an endpoint without a scheme against plain HTTP',
      'upload_isv_terms_file',
      upload(),
      { endpoint: '' },
      [/without a scheme means HTTPS/, /--endpoint/],
    ],
    [
      'a refused connection',
      'upload_isv_terms_file',
      upload(),
      { endpoint: 'http://127.0.0.1:1' },
      [/Hint: Nothing is listening.*check --endpoint/],
    ],
    [
      'a denied RAM action',
      'upload_isv_terms_file',
      upload(),
      { credentials: DENIED },
      [/grant the RAM action cams:GetChatappUploadAuthorization/],
    ],
    [
      'no credentials',
      'upload_isv_terms_file',
      upload(),
      { credentials: { getCredential: () => Promise.reject(new Error('none')) } },
      [/Tried, in order/, /~\/\.aliyun\/config\.json/, /~\/\.alibabacloud\/credentials/, /ALIBABA_CLOUD_PROFILE/],
    ],
  ];

  it.each(cases)('%s', async (name, tool, args, options, expected) => {
    const resolved = options?.endpoint === '' ? { ...options, endpoint: new URL(emu.endpoint).host } : options;
    if (name === THROTTLED) emu.setFaults('GetChatappUploadAuthorization', { throttle: true });
    const text = await call(tool, args, resolved).finally(() => emu.clearFaults('GetChatappUploadAuthorization'));
    for (const pattern of expected) expect(text).toMatch(pattern);
    expect(text).not.toContain('pass `credentials`');
    if (!/RequestId: /.test(text)) expect(text).not.toMatch(/quote the RequestId/);
  });
});
