// The progress forms: a single cli-progress bar in a pseudo-terminal (util-linux `script` gives the CLI a TTY),
// JSON events with --json, and silence with --quiet. The plain one-line-per-row form is checked in onboard.test.ts.
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI_BIN,
  cliEnv,
  runCli,
  spaceIds,
  startEmulatorProcess,
  tempDir,
  writeCustomers,
  type EmulatorProcess,
} from './helpers/harness.js';

const N = 12;
let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
const spaces = spaceIds('66', N * 3);

const deniedSpaces = spaceIds('67', 3);

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-progress-'));
  emu = await startEmulatorProcess(dir, spaces, {
    rateLimitPerSecond: 50,
    denied: { actions: ['cams:SubmitIsvCustomerTerms'], spaces: deniedSpaces },
  });
});
afterAll(async () => {
  await emu?.close();
  await remove?.();
});

async function customers(name: string, from: number): Promise<string> {
  const sub = join(dir, name);
  await mkdir(sub, { recursive: true });
  return writeCustomers(sub, spaces.slice(from, from + N));
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Runs the CLI on a pseudo-terminal (`script -q -e -c CMD /dev/null` passes its output and exit code through). */
function onTerminal(args: string[], env: NodeJS.ProcessEnv) {
  const command = [process.execPath, CLI_BIN, ...args].map(quote).join(' ');
  return spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], {
    env: { ...env, TERM: 'xterm' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('progress output', () => {
  it('draws one bar with done/total, rate, ETA and ok/failed/retrying counts on a terminal', async () => {
    const csv = await customers('tty', 0);
    const result = onTerminal(['onboard', csv, '--yes', '--requests-per-second', '50'], cliEnv(emu));
    expect(result.status, result.stdout).toBe(0);
    const screen = result.stdout;
    expect(screen).toMatch(/onboarding \[[█░]+\] \d+\/12 \| [\d.]+\/s \| ETA \S+ \| ok \d+ failed 0 retrying \d+/);
    expect(screen).toMatch(/onboarding \[█+\] 12\/12 \| [\d.]+\/s \| ETA 0s \| ok 12 failed 0 retrying 0/);
    // A bar, not a line per row: no plain row lines, and redraws use carriage returns / cursor control.
    expect(screen).not.toMatch(/^submitted +cust-/m);
    expect(screen.includes('\r') || screen.includes('\u001b[')).toBe(true);
    expect(screen).toMatch(/done in [\d.]+ s: 12 submitted/);
  }, 60_000);

  it('lists the failed rows with their hints under the bar once it ends', async () => {
    const sub = join(dir, 'tty-denied');
    await mkdir(sub, { recursive: true });
    const csv = await writeCustomers(sub, deniedSpaces);
    const denied = emu.denied!;
    const env = cliEnv(emu, {
      ALIBABA_CLOUD_ACCESS_KEY_ID: denied.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: denied.accessKeySecret,
    });
    const result = onTerminal(['onboard', csv, '--yes', '--requests-per-second', '50'], env);
    expect(result.status, result.stdout).toBe(1);
    const screen = result.stdout;
    expect(screen).toMatch(/ok 0 failed 3 retrying 0/);
    const afterBar = screen.slice(screen.lastIndexOf('failed 3 retrying 0'));
    for (const space of deniedSpaces) {
      expect(afterBar).toMatch(
        new RegExp(`failed +\\S+ ${space} .*Ram\\.PermissionDeny.*hint: .*cams:SubmitIsvCustomerTerms`),
      );
    }
  }, 60_000);

  it('prints engine events as JSON lines with --json, and nothing on stdout with --quiet', async () => {
    const json = await runCli(
      ['onboard', await customers('json', N), '--yes', '--json', '--requests-per-second', '50'],
      { env: cliEnv(emu) },
    );
    expect(json.code).toBe(0);
    const events = json.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; result?: { status: string } });
    expect(events[0]).toMatchObject({ type: 'start', total: N, counts: { onboard: N } });
    expect(events.filter((event) => event.type === 'row-done').map((event) => event.result?.status)).toEqual(
      Array(N).fill('submitted'),
    );
    expect(events.at(-1)).toMatchObject({ type: 'end', summary: { submitted: N, failed: 0 } });

    const quiet = await runCli(
      ['onboard', await customers('quiet', 2 * N), '--yes', '--quiet', '--requests-per-second', '50'],
      { env: cliEnv(emu) },
    );
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toMatch(/done in [\d.]+ s: 12 submitted/);
  }, 60_000);
});
