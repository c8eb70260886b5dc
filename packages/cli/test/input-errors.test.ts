// Bad input gets a clear error and exit 2, and nothing is sent: a missing column, a duplicate id, an unreadable
// file, an invalid row (a table by row and field), a usage mistake. `validate` exits 1 with the same table.
// Every command has --help with an example.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliEnv,
  runCli,
  spaceIds,
  startEmulatorProcess,
  tempDir,
  writeCustomers,
  type EmulatorProcess,
} from './helpers/harness.js';

let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
let csv: string;
const spaces = spaceIds('67', 4);
const HEADER = 'id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile';

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-errors-'));
  emu = await startEmulatorProcess(dir, spaces);
  csv = await writeCustomers(dir, spaces);
});
afterAll(async () => {
  await emu?.close();
  await remove?.();
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function nothingSent(): Promise<void> {
  expect((await emu.stats()).requests).toBe(0);
}

describe('bad input', () => {
  it('names a missing column', async () => {
    const path = await file('no-mail.csv', 'id,custSpaceId,custName,officeAddress,countryId,businessDesc,termsFile\n');
    const run = await runCli(['onboard', path, '--yes'], { env: cliEnv(emu) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('contactMail: no column for contactMail');
    await nothingSent();
  });

  it('names a duplicate id and its rows', async () => {
    const rows = [
      `a,${spaces[0]},A,Road,a@example.com,SG,d,pdfs/terms-1.pdf`,
      `a,${spaces[1]},B,Road,b@example.com,SG,d,pdfs/terms-2.pdf`,
    ];
    const path = await file('dup.csv', [HEADER, ...rows].join('\n'));
    const run = await runCli(['onboard', path, '--yes'], { env: cliEnv(emu) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('row 2, id a, id: duplicate id "a" (also row 1)');
    await nothingSent();
  });

  it('says a file is missing or unreadable', async () => {
    const missing = await runCli(['onboard', join(dir, 'nope.csv'), '--yes'], { env: cliEnv(emu) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.csv:\n  no such file');
    const folder = await runCli(['validate', join(dir, 'pdfs.csv')], { env: cliEnv(emu) });
    expect(folder.code).toBe(2);
    const latin1 = join(dir, 'latin1.csv');
    await writeFile(
      latin1,
      Buffer.concat([Buffer.from(`${HEADER}\nx,1,M`), Buffer.from([0xfc]), Buffer.from('ller,a,b,SG,c,d.pdf\n')]),
    );
    const bad = await runCli(['validate', latin1]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is not UTF-8 text');
    await nothingSent();
  });

  it('lists invalid rows by row and field, sends nothing, and validate exits 1 with the same table', async () => {
    const rows = [
      `ok,${spaces[0]},Acme,Road,a@example.com,SG,Orders,pdfs/terms-1.pdf`,
      `bad,${spaces[1]},Acme,Road,not-an-email,XX,Orders,pdfs/missing.pdf`,
    ];
    const path = await file('invalid.csv', [HEADER, ...rows].join('\r\n'));
    const onboard = await runCli(['onboard', path, '--yes'], { env: cliEnv(emu) });
    expect(onboard.code).toBe(2);
    expect(onboard.stderr).toMatch(/^ROW +ID +FIELD +PROBLEM$/m);
    expect(onboard.stderr).toMatch(/^2 +bad +contactMail +must be an e-mail address/m);
    expect(onboard.stderr).toMatch(/^2 +bad +countryId +/m);
    expect(onboard.stderr).toMatch(/^2 +bad +termsFile +no such file: missing\.pdf\. Hint: Check the folder/m);
    expect(onboard.stderr).toContain('1 of 2 rows are invalid; nothing was sent');
    await nothingSent();
    const validate = await runCli(['validate', path]);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/^2 +bad +contactMail/m);
    expect(validate.stdout).toContain('2 rows: 1 valid, 1 invalid (3 problems)');
    const good = await runCli(['validate', csv]);
    expect(good.code).toBe(0);
    expect(good.stdout).toBe('4 rows: 4 valid, 0 invalid (0 problems)\n');
  });

  it('refuses usage mistakes with exit 2, and asks for --yes when not at a terminal', async () => {
    const unknownFlag = await runCli(['onboard', csv, '--bogus']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain("Unknown option '--bogus'");
    const unknownCommand = await runCli(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    const noYes = await runCli(['onboard', csv], { env: cliEnv(emu) });
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toContain('pass --yes');
    const dryRun = await runCli(['onboard', csv, '--dry-run'], { env: cliEnv(emu) });
    expect(dryRun.code).toBe(0);
    expect(dryRun.stderr).toContain('plan for 4 rows: 4 to onboard');
    await nothingSent();
  });

  it('validates the example customer file that the READMEs show', async () => {
    const example = fileURLToPath(new URL('../../../examples/customers/customers.csv', import.meta.url));
    const run = await runCli(['validate', example]);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toBe('3 rows: 3 valid, 0 invalid (0 problems)\n');
  });

  it('has --help with an example for every command', async () => {
    for (const command of ['validate', 'onboard', 'submit', 'status']) {
      const help = await runCli([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`Usage: chatapp-isv ${command}`);
      expect(help.stdout).toMatch(/Examples?:\n {2}chatapp-isv /);
    }
    const main = await runCli(['--help']);
    expect(main.stdout).toContain('Commands:');
  });
});
