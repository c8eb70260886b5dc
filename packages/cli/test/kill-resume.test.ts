// Crash safety: `onboard` is killed with SIGKILL at random points, several times in a row, and resumed each time
// with --resume; at the end every space is on record at most once as the emulator recorded it — never twice — and
// every row is either submitted exactly once or reported `unknown` (a submit that was sent when the process died).
// With read-back in core, unknown rows are read back on resume, so every row ends submitted exactly once.
// The emulator and the CLI run at 40 requests/s per operation here (not the service's 5) to keep the repetitions
// short; the quota behaviour itself is proven at 5/s in onboard.test.ts.
import type { ChildProcess } from 'node:child_process';
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

const N = 60;
const KILLS = 5;
const RPS = '40';
let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
const spaces = spaceIds('63', N);

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-kill-'));
  emu = await startEmulatorProcess(dir, spaces, { rateLimitPerSecond: 40 });
});
afterAll(async () => {
  await emu?.close();
  await remove?.();
});

interface ReportFile {
  rows: { id: string; custSpaceId: string; status: string; requestId: string; errorCode: string }[];
}

describe('chatapp-isv onboard, killed and resumed', () => {
  it('never submits a row twice across repeated SIGKILLs and resumes', async () => {
    const csv = await writeCustomers(dir, spaces);
    const report = join(dir, 'report.json');
    const args = ['onboard', csv, '--resume', '--yes', '--requests-per-second', RPS, '--report', report];
    const kills: string[] = [];
    for (let attempt = 0; attempt < KILLS; attempt += 1) {
      // Kill after a random number of finished rows (0 = before any), plus a random delay: anywhere in the run.
      const afterRows = Math.floor(Math.random() * 8);
      const delayMs = Math.floor(Math.random() * 250);
      let seen = 0;
      let killed = false;
      const kill = (child: ChildProcess) => {
        if (killed) return;
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      };
      const { child, done } = spawnCli(args, {
        env: cliEnv(emu),
        onStdoutLine: (line, running) => {
          if (/^submitted /.test(line)) seen += 1;
          if (seen >= afterRows) kill(running);
        },
      });
      if (afterRows === 0) kill(child);
      const run = await done;
      kills.push(`after ${afterRows} rows + ${delayMs} ms: ${run.signal ?? `exit ${run.code}`}`);
      const perSpace = count(await emu.submissions(), (entry) => entry.custSpaceId);
      expect(
        [...perSpace.entries()].filter(([, n]) => n > 1),
        kills.join('; '),
      ).toEqual([]);
    }

    const final = await spawnCli(args, { env: cliEnv(emu) }).done;
    const { rows } = JSON.parse(await readFile(report, 'utf8')) as ReportFile;
    const perSpace = count(await emu.submissions(), (entry) => entry.custSpaceId);
    const context = `${kills.join('; ')}\n${final.stderr}`;
    expect(rows, context).toHaveLength(N);
    // Never twice; every row reported submitted is on record exactly once; the others are reported unknown.
    expect(
      [...perSpace.values()].every((n) => n === 1),
      context,
    ).toBe(true);
    for (const row of rows) {
      if (row.status === 'unknown') expect(perSpace.get(row.custSpaceId) ?? 0, context).toBeLessThanOrEqual(1);
      else {
        expect(['submitted', 'already-submitted', 'submitted (confirmed by read-back)'], context).toContain(row.status);
        expect(perSpace.get(row.custSpaceId), context).toBe(1);
      }
    }
    const unknown = rows.filter((row) => row.status === 'unknown').length;
    expect(final.code, context).toBe(unknown > 0 ? 1 : 0);
    if (unknown > 0) expect(final.stderr).toContain(`${unknown} rows have an unknown outcome`);
  }, 120_000);
});
