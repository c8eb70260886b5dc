// `chatapp-isv onboard` end to end: the built bin against the emulator bin with the service's quota (5/s per
// operation). 200 customers from a CSV with a BOM, CRLF, quoted commas and quotes and UTF-8 names onboard with
// 0 failures and 0 quota rejections as the emulator counts them; the non-TTY progress form prints one plain line per
// row; the CSV report covers every row; a second run with --resume sends nothing.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliEnv,
  count,
  runCli,
  spaceIds,
  startEmulatorProcess,
  tempDir,
  writeCustomers,
  type EmulatorProcess,
} from './helpers/harness.js';

const N = 200;

/** For a failure message: per operation, the shortest spans (ms) holding six arrivals, and where they start. */
function tightestSpans(stats: { operations?: Record<string, { arrivals?: Record<string, number[]> }> }): string {
  return Object.entries(stats.operations ?? {})
    .map(([operation, { arrivals = {} }]) => {
      const times = Object.values(arrivals)
        .flat()
        .sort((a, b) => a - b);
      const spans = times.slice(5).map((time, index) => [time - (times[index] as number), index]);
      spans.sort((a, b) => (a[0] as number) - (b[0] as number));
      return `${operation}: ${JSON.stringify(spans.slice(0, 3))} of ${times.length}`;
    })
    .join('; ');
}
let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
const spaces = spaceIds('61', N);

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-onboard-'));
  emu = await startEmulatorProcess(dir, spaces);
});
afterAll(async () => {
  await emu?.close();
  await remove?.();
});

describe('chatapp-isv onboard', () => {
  it('onboards 200 customers at the quota with no failure, no rejection and one plain line per row', async () => {
    const csv = await writeCustomers(dir, spaces);
    const report = join(dir, 'report.csv');
    const run = await runCli(['onboard', csv, '--report', report, '--yes'], { env: cliEnv(emu) });
    expect(run.stderr).toContain(`plan for ${N} rows: ${N} to onboard`);
    expect(run.code).toBe(0);

    // Non-TTY progress: exactly one plain line per finished row, no control characters.
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(N);
    expect(lines.every((line) => /^submitted +cust-\d+ 61\d+ requestId=[0-9A-F-]+$/.test(line))).toBe(true);
    expect(run.stdout.includes('\u001b')).toBe(false);
    expect(run.stderr).toMatch(
      new RegExp(`done in [\\d.]+ s: ${N} submitted, 0 already submitted, 0 failed, 0 unknown`),
    );

    // The emulator's account: every space once, exactly as written in the file, and nothing rejected.
    const submissions = await emu.submissions();
    expect(submissions).toHaveLength(N);
    expect([...count(submissions, (entry) => entry.custSpaceId).values()].every((n) => n === 1)).toBe(true);
    const byId = new Map(submissions.map((entry) => [entry.custSpaceId, entry]));
    expect(byId.get(spaces[0] as string)?.custName).toBe('Müller, Söhne & Co. KG 1');
    expect(byId.get(spaces[1] as string)?.custName).toBe('株式会社さくら 2');
    expect(byId.get(spaces[2] as string)?.custName).toBe('Café "Olé", S.L. 3');
    const stats = await emu.stats();
    expect({ rejected: stats.rejected, errors: stats.errors }, tightestSpans(stats)).toEqual({
      rejected: 0,
      errors: {},
    });

    // The report: a header and one row per customer with its RequestId and hash.
    const rows = parse(await readFile(report, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(N);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'custSpaceId',
      'status',
      'isvTerms',
      'sha256',
      'requestId',
      'errorCode',
      'errorMessage',
      'errorHint',
    ]);
    const requestIds = new Map(submissions.map((entry) => [entry.custSpaceId, entry.requestId]));
    expect(
      rows.every(
        (row) => row['status'] === 'submitted' && row['requestId'] === requestIds.get(row['custSpaceId'] ?? ''),
      ),
    ).toBe(true);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row['sha256'] ?? ''))).toBe(true);

    // Resuming a finished journal sends nothing.
    const again = await runCli(['onboard', csv, '--resume', '--yes', '--quiet'], { env: cliEnv(emu) });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(await emu.submissions()).toHaveLength(N);
  }, 120_000);
});
