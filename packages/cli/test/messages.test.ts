// The CLI front end of #16: each case a new user meets, through the real bin against the emulator bin (or a closed
// port), asserting that stderr names the flag the user typed (--cust-space-id, --terms-file) and carries the hint
// for the error class in the CLI's words (--endpoint, the environment, the profile files), never library speech.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliEnv,
  pdfBytes,
  runCli,
  spaceIds,
  startEmulatorProcess,
  writeCustomers,
  type EmulatorProcess,
} from './helpers/harness.js';

let emu: EmulatorProcess;
let dir: string;
const [space, deniedSpace] = spaceIds('77', 2) as [string, string];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isv-cli-messages-'));
  await writeFile(join(dir, 'acme-terms.pdf'), pdfBytes('acme'));
  // A PDF that exists but cannot be read; root reads any file whatever its mode, so there it is a folder.
  if (process.getuid?.() === 0) await mkdir(join(dir, 'locked.pdf'));
  else {
    await writeFile(join(dir, 'locked.pdf'), pdfBytes('locked'));
    await chmod(join(dir, 'locked.pdf'), 0o000);
  }
  emu = await startEmulatorProcess(dir, [space], {
    denied: { actions: ['cams:SubmitIsvCustomerTerms'], spaces: [deniedSpace] },
  });
});

/** The case whose authorization the emulator refuses as over quota, every time, until the client gives up. */
const THROTTLED = 'a quota the service keeps refusing, until the retries run out';
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
      'a terms file that does not exist',
      { 'terms-file': 'missing.pdf' },
      (e) => cliEnv(e),
      [/--terms-file: no such file: missing\.pdf\. Hint: Check the folder and the spelling of the file name/],
    ],
    [
      'a terms file that exists but cannot be read',
      { 'terms-file': 'locked.pdf' },
      (e) => cliEnv(e),
      [
        /--terms-file: (cannot be read \(EACCES\)|is not a regular file)/,
        /Hint: (.*grant read permission|Give the path of the PDF itself)/,
      ],
    ],
    [
      'a denied RAM action',
      { 'cust-space-id': deniedSpace },
      (e) => {
        const denied = e.denied;
        if (denied === undefined) throw new Error('the emulator was started without a denied account');
        return cliEnv(e, {
          ALIBABA_CLOUD_ACCESS_KEY_ID: denied.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: denied.accessKeySecret,
        });
      },
      [/Ram\.PermissionDeny/, /hint: .*grant the RAM action cams:SubmitIsvCustomerTerms/],
    ],
    [
      THROTTLED,
      {},
      (e) => cliEnv(e),
      [/System\.LimitControl/, /hint: The account is over its request quota for this operation: wait a few seconds/],
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

  it.each(cases)('%s', async (name, change, env, expected) => {
    if (name === THROTTLED) await emu.setFaults({ operation: 'GetChatappUploadAuthorization', throttle: true });
    const run = await runCli(submitArgs(change), { env: env(emu), cwd: dir }).finally(() =>
      emu.setFaults({ operation: 'GetChatappUploadAuthorization' }),
    );
    expect(run.code).not.toBe(0);
    for (const pattern of expected) expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toContain('pass `credentials`');
    if (!/RequestId/i.test(run.stderr)) expect(run.stderr).not.toMatch(/quote the RequestId/);
  });

  it('a --profile that does not exist is named as --profile, not as ALIBABA_CLOUD_PROFILE', async () => {
    const env = { PATH: process.env['PATH'], HOME: dir, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    const run = await runCli([...submitArgs({ endpoint: emu.endpoint }), '--profile', 'acme'], { env, cwd: dir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('the profile "acme" named by --profile was not found');
    expect(run.stderr).not.toContain('named by ALIBABA_CLOUD_PROFILE');
  });
});

describe('CLI onboard: each failed row carries the hint, on its line and in the report', () => {
  it('a denied RAM action: the row line and the report row name the action to grant', async () => {
    const denied = emu.denied;
    if (denied === undefined) throw new Error('the emulator was started without a denied account');
    const file = await writeCustomers(dir, [deniedSpace], 'denied.csv');
    const report = join(dir, 'denied-report.csv');
    const env = cliEnv(emu, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: denied.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: denied.accessKeySecret,
    });
    const run = await runCli(['onboard', file, '--yes', '--report', report], { env, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^failed +cust-1 \d+ Ram\.PermissionDeny: .* hint: .*grant the RAM action cams:SubmitIsvCustomerTerms/m,
    );
    const rows = parse(await readFile(report, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row['status'], row['errorCode']])).toEqual([['failed', 'Ram.PermissionDeny']]);
    expect(rows[0]?.['errorHint']).toMatch(/grant the RAM action cams:SubmitIsvCustomerTerms/);
  });

  it('an endpoint without a scheme: the row hint names --endpoint', async () => {
    const file = await writeCustomers(dir, [space], 'scheme.csv');
    const report = join(dir, 'scheme-report.json');
    const args = ['onboard', file, '--yes', '--report', report, '--endpoint', new URL(emu.endpoint).host];
    const run = await runCli(args, { env: cliEnv(emu), cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^failed +cust-1 .* hint: .*without a scheme means HTTPS.*--endpoint/m);
    const { rows } = JSON.parse(await readFile(report, 'utf8')) as { rows: Record<string, string>[] };
    expect(rows[0]?.['errorHint']).toMatch(/give --endpoint \(or CHATAPP_ISV_ENDPOINT\) with http:\/\/host:port/);
    expect(rows[0]?.['errorHint']).not.toMatch(/the `endpoint` option/);
  });
});
