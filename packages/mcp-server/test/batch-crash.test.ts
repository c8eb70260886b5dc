// The crash case, as in real use: the bin over stdio with the v1 SDK client, the emulator in its own process. A
// 30-customer batch is killed (SIGKILL, no chance to clean up) while it runs; a new server over the same journal
// directory is given the same file again and resumes it: every customer is on record exactly once, the rows done
// before the kill are reported already submitted, and the service refused no call for quota.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

import { BIN, makeTree, pdf, startEmulatorProcess, textOf, type EmulatorProcess, type Tree } from './helpers.js';

const ROWS = 30;
const KEY = { accessKeyId: 'FAKEbatchcrash000001', accessKeySecret: 'batch-crash-tests-secret-not-real-1' };
const SPACES = Array.from({ length: ROWS }, (_, i) => String(650000000000001 + i));
let remote: EmulatorProcess;
let tree: Tree;

beforeAll(async () => {
  remote = await startEmulatorProcess({
    accounts: [{ ...KEY, subscribed: true, deniedActions: [], custSpaceIds: SPACES }],
  });
  tree = await makeTree();
  await mkdir(join(tree.allowed, 'crash', 'pdfs'), { recursive: true });
  const lines = ['id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile'];
  for (let i = 0; i < ROWS; i += 1) {
    await writeFile(join(tree.allowed, 'crash', 'pdfs', `k${i}.pdf`), pdf(`crash-${i}`));
    lines.push(`k${i},${SPACES[i]},Crash ${i} Ltd,${i} Quay,crash${i}@example.com,SG,Marketing,pdfs/k${i}.pdf`);
  }
  await writeFile(join(tree.allowed, 'crash', 'customers.csv'), `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await remote.close();
  await tree.remove();
});

interface JobOutput {
  jobId: string;
  state: string;
  plan: { resumed: boolean; alreadyOnRecord: number; toReadBack: number; toSend: number };
  counts: { total: number; done: number; submitted: number; failed: number; unknown: number };
  rows: { id: string; custSpaceId: string; status: string }[];
}

/** Starts the bin over stdio with the shared journal directory. */
async function serve() {
  const transport = new V1StdioClientTransport({
    command: process.execPath,
    // A wider quota margin, as in batch.test.ts: this busy machine can bunch a process's arrivals.
    args: [BIN, '--endpoint', remote.endpoint, '--allow-dir', tree.allowed, '--yes', '--quota-margin-ms', '400'],
    env: {
      PATH: process.env['PATH'] ?? '',
      ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
      CHATAPP_ISV_MCP_JOURNAL_DIR: join(tree.base, 'journals'),
    },
    stderr: 'pipe',
  });
  const client = new V1Client({ name: 'v1-crash-test', version: '1.0.0' }, { capabilities: {} });
  await client.connect(transport);
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args }, undefined, { timeout: 30_000 });
    expect(result.isError ?? false, textOf(result)).toBe(false);
    return result.structuredContent as unknown as JobOutput;
  };
  return { client, transport, call };
}

describe('a batch job whose server is killed mid-run', () => {
  it('resumes from its journal when started again: each customer on record once, earlier rows not resent', async () => {
    const first = await serve();
    const started = await first.call('start_isv_onboarding_batch', { file: 'crash/customers.csv' });
    expect(started.plan).toEqual({ resumed: false, alreadyOnRecord: 0, toReadBack: 0, toSend: ROWS });
    let status = started;
    for (let call = 0; call < 30 && status.state === 'running' && status.counts.done < 5; call += 1) {
      status = await first.call('get_isv_onboarding_batch', { jobId: started.jobId, waitSeconds: 1 });
    }
    expect(status.counts.done).toBeGreaterThanOrEqual(5);
    // Kill only the server this test started; the client sees its pipe close.
    const closed = new Promise<void>((resolve) => {
      first.client.onclose = () => resolve();
    });
    process.kill(first.transport.pid as number, 'SIGKILL');
    await closed;
    // The service still counts the killed process's last second against the quota; a real restart takes longer.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const second = await serve();
    try {
      const resumed = await second.call('start_isv_onboarding_batch', { file: 'crash/customers.csv' });
      const { plan } = resumed;
      expect(plan.resumed).toBe(true);
      expect(plan.alreadyOnRecord).toBeGreaterThanOrEqual(status.counts.submitted);
      // Killed mid-run: some rows were left to do.
      expect(plan.toSend + plan.toReadBack).toBeGreaterThan(0);
      expect(plan.alreadyOnRecord + plan.toReadBack + plan.toSend).toBe(ROWS);
      let end = resumed;
      for (let call = 0; call < 10 && end.state === 'running'; call += 1) {
        end = await second.call('get_isv_onboarding_batch', { jobId: resumed.jobId, waitSeconds: 10 });
      }
      expect(end.state).toBe('done');
      expect(end.counts).toEqual({ total: ROWS, done: ROWS, submitted: ROWS, failed: 0, unknown: 0 });
      expect(end.rows.filter((r) => r.status === 'already-submitted')).toHaveLength(plan.alreadyOnRecord);

      const bySpace = new Map<string, number>();
      for (const s of await remote.submissions()) bySpace.set(s.custSpaceId, (bySpace.get(s.custSpaceId) ?? 0) + 1);
      for (const space of SPACES) expect(bySpace.get(space), space).toBe(1);
      const stats = await remote.stats();
      expect(stats.errors['System.LimitControl'] ?? 0).toBe(0);
      expect(stats.rejected).toBe(0);
    } finally {
      await second.client.close();
    }
  }, 120_000);
});
