// The CLI front end of #16: each case a new user meets, through the real bin against the emulator bin (or a closed
// port), asserting that stderr names the flag the user typed (--cust-space-id, --terms-file) and carries the hint
// for the error class in the CLI's words (--endpoint, the environment, the profile files), never library speech.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, pdfBytes, runCli, spaceIds, startEmulatorProcess, type EmulatorProcess } from './helpers/harness.js';

let emu: EmulatorProcess;
let dir: string;
const [space] = spaceIds('77', 1) as [string];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isv-cli-messages-'));
  await writeFile(join(dir, 'acme-terms.pdf'), pdfBytes('acme'));
  emu = await startEmulatorProcess(dir, [space]);
});
afterAll(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

function submitArgs(change: Record<string, string> = {}): string[] {
  const flags: Record<string, string> = {
    'cust-space-id': space,
    'cust-name': 'Acme Pte Ltd',
    'office-address': '1 Example Road, Singapore',
    'contact-mail': 'legal@acme.example',
    'country-id': 'SG',
    'business-desc': 'Order updates',
    'terms-file': join(dir, 'acme-terms.pdf'),
    ...change,
  };
  return ['submit', ...Object.entries(flags).flatMap(([flag, value]) => [`--${flag}`, value])];
}

describe('CLI messages name the flag and carry the hint', () => {
  const cases: [string, Record<string, string>, (emu: EmulatorProcess) => NodeJS.ProcessEnv, RegExp[]][] = [
    [
      'custSpaceId with "."',
      { 'cust-space-id': 'space.01' },
      (e) => cliEnv(e),
      [/--cust-space-id: must contain only letters, digits/],
    ],
    [
      'a terms file with a trailing \\r',
      { 'terms-file': 'acme-terms.pdf\r' },
      (e) => cliEnv(e),
      [/--terms-file: no such file: "acme-terms\.pdf\\r"/],
    ],
    [
      'an endpoint without a scheme against plain HTTP',
      {},
      (e) => cliEnv(e, { CHATAPP_ISV_ENDPOINT: new URL(e.endpoint).host }),
      [/hint: .*without a scheme means HTTPS.*--endpoint/],
    ],
    [
      'a refused connection',
      {},
      (e) => cliEnv(e, { CHATAPP_ISV_ENDPOINT: 'http://127.0.0.1:1' }),
      [/hint: Nothing is listening.*check --endpoint/],
    ],
    [
      'no credentials, a requested profile that does not exist',
      {},
      (e) => ({
        PATH: process.env['PATH'],
        HOME: dir,
        CHATAPP_ISV_ENDPOINT: e.endpoint,
        ALIBABA_CLOUD_PROFILE: 'acme',
        ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      }),
      [/the profile "acme"/, /~\/\.aliyun\/config\.json/, /~\/\.alibabacloud\/credentials/],
    ],
  ];

  it.each(cases)('%s', async (_name, change, env, expected) => {
    const run = await runCli(submitArgs(change), { env: env(emu), cwd: dir });
    expect(run.code).not.toBe(0);
    for (const pattern of expected) expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toContain('pass `credentials`');
    if (!/RequestId/i.test(run.stderr)) expect(run.stderr).not.toMatch(/quote the RequestId/);
  });
});
