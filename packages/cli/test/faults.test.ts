// Faults injected into the emulator (5xx on authorization and submit, connection resets on upload, latency) are
// absorbed by core's retries: the report is correct row by row, and the exit is non-zero only because of the one
// row that really fails (a space this account does not own → Unknown.ResourceOwnerId, not retryable). A resumed run
// retries only that row, and `status` shows the journal's view of each row.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cliEnv,
  count,
  pdfBytes,
  spaceIds,
  spawnCli,
  startEmulatorProcess,
  tempDir,
  writeCustomers,
  type EmulatorProcess,
} from './helpers/harness.js';

const N = 40;
const FOREIGN_SPACE = '699999999999999';
let emu: EmulatorProcess;
let dir: string;
let remove: () => Promise<void>;
const spaces = spaceIds('65', N);

beforeAll(async () => {
  ({ dir, remove } = await tempDir('cli-faults-'));
  emu = await startEmulatorProcess(dir, spaces, { rateLimitPerSecond: 20 });
});
afterAll(async () => {
  await emu?.close();
  await remove?.();
});

interface ReportFile {
  summary: { submitted: number; failed: number; unknown: number };
  rows: {
    id: string;
    custSpaceId: string;
    status: string;
    requestId: string;
    errorCode: string;
    errorMessage: string;
  }[];
}

describe('chatapp-isv onboard under faults', () => {
  it('reports each row correctly and fails only the row that really failed', async () => {
    const csv = await writeCustomers(dir, spaces);
    await writeFile(join(dir, 'pdfs', 'foreign.pdf'), pdfBytes('foreign'));
    await writeFile(
      csv,
      `foreign,${FOREIGN_SPACE},Foreign Ltd,"1 Road, Singapore",f@example.com,SG,Orders,pdfs/foreign.pdf\r\n`,
      { flag: 'a' },
    );
    await emu.setFaults({ operation: 'GetChatappUploadAuthorization', errorRate: 0.25, latencyMs: 50 });
    await emu.setFaults({ operation: 'PutObject', resetRate: 0.2, latencyMs: 50 });
    await emu.setFaults({
      operation: 'SubmitIsvCustomerTerms',
      errorRate: 0.2,
      errorCode: 'InternalError',
      latencyMs: 50,
    });

    const report = join(dir, 'report.json');
    const args = ['onboard', csv, '--yes', '--requests-per-second', '20', '--report', report];
    const run = await spawnCli(args, { env: cliEnv(emu) }).done;
    expect(run.code, run.stderr).toBe(1);
    const stats = await emu.stats();
    // The faults really happened (and were retried).
    expect(stats.errors['ServiceUnavailable'] ?? 0, JSON.stringify(stats.errors)).toBeGreaterThan(0);
    expect(stats.errors['InternalError'] ?? 0, JSON.stringify(stats.errors)).toBeGreaterThan(0);
    expect(stats.errors['ConnectionReset'] ?? 0, JSON.stringify(stats.errors)).toBeGreaterThan(0);

    const { rows, summary } = JSON.parse(await readFile(report, 'utf8')) as ReportFile;
    expect(summary).toMatchObject({ submitted: N, failed: 1, unknown: 0 });
    const failed = rows.filter((row) => row.status !== 'submitted');
    expect(failed).toEqual([
      expect.objectContaining({ id: 'foreign', status: 'failed', errorCode: 'Unknown.ResourceOwnerId', requestId: '' }),
    ]);
    expect(failed[0]?.errorMessage).toMatch(/RequestId/);
    expect(run.stdout).toMatch(/^failed +foreign 699999999999999 Unknown\.ResourceOwnerId: /m);
    const submissions = await emu.submissions();
    const perSpace = count(submissions, (entry) => entry.custSpaceId);
    expect(perSpace.size).toBe(N);
    expect([...perSpace.values()].every((n) => n === 1)).toBe(true);
    const requestIds = new Map(submissions.map((entry) => [entry.custSpaceId, entry.requestId]));
    for (const row of rows.filter((entry) => entry.status === 'submitted')) {
      expect(row.requestId).toBe(requestIds.get(row.custSpaceId));
    }

    // Resuming retries only the failed row (and it fails again); nothing else is sent.
    await emu.setFaults({ operation: 'GetChatappUploadAuthorization' });
    const calls = async (operation: string) => (await emu.stats()).operations?.[operation]?.requests ?? 0;
    const before = { authorize: await calls('GetChatappUploadAuthorization'), put: await calls('PutObject') };
    const resumed = await spawnCli([...args, '--resume'], { env: cliEnv(emu) }).done;
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).toContain(`plan for ${N + 1} rows: 1 to onboard, ${N} already submitted`);
    // Only authorizations for the foreign space (the warm-up's and the row's own): no upload, no submit.
    expect(await calls('GetChatappUploadAuthorization')).toBeGreaterThan(before.authorize);
    expect(await calls('PutObject')).toBe(before.put);
    expect(await emu.submissions()).toHaveLength(N);

    // `status <file>` shows what the journal says per row.
    const status = await spawnCli(['status', csv, '--json'], { env: cliEnv(emu) }).done;
    const states = status.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; journal: string });
    expect(states).toHaveLength(N + 1);
    expect(count(states, (line) => line.journal)).toEqual(
      new Map([
        ['submitted', N],
        ['failed', 1],
      ]),
    );
    expect(states.find((line) => line.journal === 'failed')?.id).toBe('foreign');

    // `status <ids>` reads back what is on record: the first space's terms, nothing for the foreign one.
    const ids = await spawnCli(['status', spaces[0] as string, FOREIGN_SPACE], { env: cliEnv(emu) }).done;
    expect(ids.code, ids.stderr).toBe(0);
    expect(ids.stdout).toMatch(new RegExp(`^${spaces[0]} +published +terms-1\\.pdf +Müller, Söhne & Co\\. KG 1$`, 'm'));
    expect(ids.stdout).toMatch(new RegExp(`^${FOREIGN_SPACE} +none$`, 'm'));
  }, 90_000);
});
