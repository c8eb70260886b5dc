// Ctrl-C: SIGINT stops starting rows, lets the rows in flight finish and journals them, prints the summary and
// exits 130; nothing is left half-done (no row ends `unknown`), and --resume then onboards the rest exactly once.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliEnv,
  count,
  spaceIds,
  spawnCli,
  startEmulatorProcess,
  tempDir,
  writeCustomers,
  type EmulatorProcess,
} from './helpers/harness.js';

const N = 40;
let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
const spaces = spaceIds('64', N);

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-int-'));
  emu = await startEmulatorProcess(dir, spaces, { rateLimitPerSecond: 10 });
});
afterAll(async () => {
  await emu?.close();
  await remove?.();
});

describe('chatapp-isv onboard and Ctrl-C', () => {
  it('finishes the rows in flight, exits 130, and resumes the rest', async () => {
    const csv = await writeCustomers(dir, spaces);
    const report = join(dir, 'report.json');
    const args = ['onboard', csv, '--yes', '--requests-per-second', '10', '--report', report];
    let signalled = false;
    const run = await spawnCli(args, {
      env: cliEnv(emu),
      onStdoutLine: (_line, child) => {
        if (!signalled) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    }).done;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('stopping: no new rows start');
    expect(run.stderr).toMatch(
      /interrupted in [\d.]+ s: \d+ submitted, 0 already submitted, 0 failed, 0 unknown, \d+ not started/,
    );
    const { rows } = JSON.parse(await readFile(report, 'utf8')) as { rows: { status: string }[] };
    const statuses = count(rows, (row) => row.status);
    expect(statuses.get('not-started') ?? 0).toBeGreaterThan(0);
    expect([...statuses.keys()].sort()).toEqual(['not-started', 'submitted']);
    expect(await emu.submissions()).toHaveLength(statuses.get('submitted') ?? -1);

    const resumed = await spawnCli([...args, '--resume'], { env: cliEnv(emu) }).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`${statuses.get('submitted')} already submitted`);
    const perSpace = count(await emu.submissions(), (entry) => entry.custSpaceId);
    expect(perSpace.size).toBe(N);
    expect([...perSpace.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
