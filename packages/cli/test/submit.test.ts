// `chatapp-isv submit`: one customer from flags through core's whole flow; a bad flag value is named by its flag
// (exit 2, nothing sent); a refusal by the service is exit 1 with the service's code.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliEnv,
  pdfBytes,
  runCli,
  spaceIds,
  startEmulatorProcess,
  tempDir,
  type EmulatorProcess,
} from './helpers/harness.js';

let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
const [space] = spaceIds('69', 1) as [string];

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-submit-'));
  emu = await startEmulatorProcess(dir, [space]);
  await writeFile(join(dir, 'acme-terms.pdf'), pdfBytes('acme'));
});
afterAll(async () => {
  await emu?.close();
  await remove?.();
});

const flags = (overrides: Record<string, string> = {}) =>
  Object.entries({
    'cust-space-id': space,
    'cust-name': 'Acme Pte Ltd',
    'office-address': '1 Example Road, Singapore',
    'contact-mail': 'legal@acme.example',
    'country-id': 'sg',
    'business-desc': 'Order updates',
    'terms-file': join(dir, 'acme-terms.pdf'),
    ...overrides,
  }).flatMap(([flag, value]) => [`--${flag}`, value]);

describe('chatapp-isv submit', () => {
  it('names a bad flag by its flag and sends nothing', async () => {
    const run = await runCli(['submit', ...flags({ 'contact-mail': 'nope' })], { env: cliEnv(emu) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--contact-mail: must be an e-mail address');
    const missing = await runCli(['submit', '--cust-space-id', space], { env: cliEnv(emu) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --cust-name, --office-address');
    expect((await emu.stats()).requests).toBe(0);
  });

  it('submits one customer and prints its RequestId; a foreign space is exit 1 with the service code', async () => {
    const run = await runCli(['submit', ...flags(), '--json'], { env: cliEnv(emu) });
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { status: string; requestId: string; isvTerms: string };
    const [recorded] = await emu.submissions();
    expect(result).toMatchObject({ status: 'submitted', isvTerms: 'acme-terms.pdf', requestId: recorded?.requestId });
    expect(recorded).toMatchObject({ custSpaceId: space, custName: 'Acme Pte Ltd' });

    const foreign = await runCli(['submit', ...flags({ 'cust-space-id': '690000000000999' })], { env: cliEnv(emu) });
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/^failed: Unknown\.ResourceOwnerId: /m);
  });

  it('takes credentials from the profile --profile names in the credentials file', async () => {
    const { mkdir } = await import('node:fs/promises');
    const home = join(dir, 'home');
    await mkdir(join(home, '.alibabacloud'), { recursive: true });
    await writeFile(
      join(home, '.alibabacloud', 'credentials'),
      `[default]\ntype = access_key\naccess_key_id = FAKE-NOT-THIS-ONE\naccess_key_secret = fake-not-this-secret\n\n` +
        `[emulator]\ntype = access_key\naccess_key_id = ${emu.accessKeyId}\naccess_key_secret = ${emu.accessKeySecret}\n`,
    );
    const env = {
      PATH: process.env['PATH'],
      HOME: home,
      CHATAPP_ISV_ENDPOINT: emu.endpoint,
      ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true',
    };
    const before = (await emu.submissions()).length;
    const withProfile = await runCli(['submit', ...flags(), '--profile', 'emulator'], { env });
    expect(withProfile.code, withProfile.stderr).toBe(0);
    expect(await emu.submissions()).toHaveLength(before + 1);
    const withDefault = await runCli(['submit', ...flags()], { env });
    expect(withDefault.code).toBe(1);
    expect(withDefault.stderr).toContain('InvalidAccessKeyId.NotFound');
  });
});
