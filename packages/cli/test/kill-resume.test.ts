// Crash safety: `onboard` is killed with SIGKILL at random points, several times in a row, and resumed each time
// with --resume; at the end every space is on record at most once as the emulator recorded it — never twice — and
// every row is either submitted exactly once or reported `unknown` (a submit that was sent when the process died).
// With read-back in core, unknown rows are read back on resume, so every row ends submitted exactly once.
// The emulator and the CLI run at 20 requests/s per operation here (not the service's 5) to keep the repetitions
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

const N = 80;
const KILLS = 5;
const RPS = '20';
let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
const spaces = spaceIds('63', N);
const lateSpaces = spaceIds('68', 6);

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-kill-'));
  emu = await startEmulatorProcess(dir, [...spaces, ...lateSpaces], { rateLimitPerSecond: 20 });
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
      const afterRows = Math.floor(Math.random() * 12);
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
    // Rows whose submit was in flight at a kill were read back on resume: every row ends on record, exactly once.
    expect(
      rows.filter((row) => row.status === 'unknown'),
      context,
    ).toEqual([]);
    expect(perSpace.size, context).toBe(N);
    expect(final.code, context).toBe(0);
  }, 120_000);

  it('confirms by read-back a submit that was recorded but never answered when the process died', async () => {
    const { mkdir } = await import('node:fs/promises');
    const sub = join(dir, 'late');
    await mkdir(sub, { recursive: true });
    const csv = await writeCustomers(sub, lateSpaces);
    const report = join(sub, 'report.json');
    const args = ['onboard', csv, '--resume', '--yes', '--requests-per-second', RPS, '--report', report];
    // The service records each submit, then answers only after 10 s: kill the CLI while it waits.
    await emu.setFaults({ operation: 'SubmitIsvCustomerTerms', latencyAfterMs: 10_000 });
    const { child, done } = spawnCli(args, { env: cliEnv(emu) });
    const recorded = async () =>
      (await emu.submissions()).filter((entry) => lateSpaces.includes(entry.custSpaceId)).length;
    while ((await recorded()) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGKILL');
    await done;
    await emu.setFaults({ operation: 'SubmitIsvCustomerTerms' });
    const onRecord = await recorded();

    const resumed = await spawnCli(args, { env: cliEnv(emu) }).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    const confirmed = resumed.stdout.split('\n').filter((line) => line.startsWith('confirmed '));
    expect(confirmed, resumed.stdout).toHaveLength(onRecord);
    const { rows } = JSON.parse(await readFile(report, 'utf8')) as ReportFile;
    expect(count(rows, (row) => row.status).get('submitted (confirmed by read-back)')).toBe(onRecord);
    const perSpace = count(
      (await emu.submissions()).filter((entry) => lateSpaces.includes(entry.custSpaceId)),
      (entry) => entry.custSpaceId,
    );
    expect(perSpace.size).toBe(lateSpaces.length);
    expect([...perSpace.values()].every((n) => n === 1)).toBe(true);
  }, 60_000);
});
