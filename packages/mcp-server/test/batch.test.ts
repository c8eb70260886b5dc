// Batch onboarding as a job, through a real client against the emulator at the documented quota (5 requests/s per
// account and operation): 100 customers from a CSV in an allowed directory, confirmed once, started as a job that
// answers at once, followed to its end through the status tool (with progress per row) and the job's resource;
// every customer recorded exactly once and the emulator refused no call for quota. Also inline rows, and the
// refusals (invalid rows, a PDF outside the allowed directories) that send nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ElicitRequestSchema as V1ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';

import { BIN, connectInMemory, makeTree, pdf, startEmulatorProcess, textOf, type Tree } from './helpers.js';
import { core } from './native.js';

const ROWS = 100;
const KEY = { accessKeyId: 'FAKEbatchjobtests001', accessKeySecret: 'batch-job-tests-secret-not-real-01' };
const SPACES = Array.from({ length: ROWS + 10 }, (_, i) => String(620000000000001 + i));
let emu: Emulator;
let tree: Tree;

beforeAll(async () => {
  emu = await startEmulator({
    seed: { accounts: [{ ...KEY, subscribed: true, deniedActions: [], custSpaceIds: SPACES }] },
  });
  tree = await makeTree();
  await mkdir(join(tree.allowed, 'batch', 'pdfs'), { recursive: true });
  const lines = ['id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile'];
  for (let i = 0; i < ROWS; i += 1) {
    await writeFile(join(tree.allowed, 'batch', 'pdfs', `c${i}.pdf`), pdf(`batch-${i}`));
    lines.push(
      `c${i},${SPACES[i]},Customer ${i} Ltd,${i} Harbour Road,legal${i}@example.com,SG,Marketing,pdfs/c${i}.pdf`,
    );
  }
  await writeFile(join(tree.allowed, 'batch', 'customers.csv'), `${lines.join('\n')}\n`);
});

afterAll(async () => {
  await emu.close();
  await tree.remove();
});

function open(answer: 'accept' | 'decline' = 'accept', against: Emulator = emu) {
  const client = core.createIsvTermsClient({ endpoint: against.endpoint, credentials: KEY });
  const asked: string[] = [];
  return connectInMemory({
    era: 'legacy',
    client,
    config: { allowDirs: [tree.allowed], confirm: 'ask' },
    clientOptions: {
      elicit: {
        answer: answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' },
        asked,
      },
    },
  }).then((session) => ({ ...session, asked }));
}

interface JobOutput {
  jobId: string;
  state: string;
  resourceUri: string;
  counts: { total: number; done: number; submitted: number; failed: number; unknown: number };
  rows: {
    id: string;
    custSpaceId: string;
    status: string;
    requestId: string;
    errorCode?: string;
    errorHint?: string;
  }[];
}

describe('a 100-customer batch job through the bin (stdio) and the v1 SDK client', () => {
  it('is started at once, followed to completion, each customer recorded once, no quota rejection', async () => {
    // Emulator and server in their own processes, as in real use: the test process only drives the client.
    const remote = await startEmulatorProcess({
      accounts: [{ ...KEY, subscribed: true, deniedActions: [], custSpaceIds: SPACES }],
    });
    const transport = new V1StdioClientTransport({
      command: process.execPath,
      // The two processes share this busy test machine with the whole suite: a stall can bunch arrivals by more
      // than core's default 100 ms margin, so the test widens it (as core's own quota test does).
      args: [
        ...[BIN, '--endpoint', remote.endpoint, '--allow-dir', tree.allowed, '--quota-margin-ms', '400'],
        ...['--journal-dir', join(tree.base, 'journals')],
      ],
      env: {
        PATH: process.env['PATH'] ?? '',
        ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
      },
      stderr: 'pipe',
    });
    const client = new V1Client(
      { name: 'v1-batch-test', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } } },
    );
    const asked: string[] = [];
    client.setRequestHandler(V1ElicitRequestSchema, async (request) => {
      asked.push(request.params.message);
      return { action: 'accept', content: { confirm: true } };
    });
    await client.connect(transport);
    try {
      const started = await client.callTool({
        name: 'start_isv_onboarding_batch',
        arguments: { file: 'batch/customers.csv' },
      });
      expect(started.isError ?? false, textOf(started)).toBe(false);
      const first = started.structuredContent as unknown as JobOutput;
      // It answered before the work was done: 100 customers need at least 20 s at 5 requests/s.
      expect(first.state).toBe('running');
      expect(first.counts.total).toBe(ROWS);
      expect(first.counts.done).toBeLessThan(ROWS);
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain(`Onboard ${ROWS} customers`);
      const link = (started.content as { type: string; uri?: string }[]).find((c) => c.type === 'resource_link');
      expect(link?.uri).toBe(first.resourceUri);

      // Follow it through the status tool, as an assistant would: calls of at most 10 s, progress per row.
      const progress: number[] = [];
      let status = first;
      for (let call = 0; call < 20 && status.state === 'running'; call += 1) {
        const result = await client.callTool(
          { name: 'get_isv_onboarding_batch', arguments: { jobId: first.jobId, waitSeconds: 10 } },
          undefined,
          { onprogress: (p) => progress.push(p.progress), timeout: 30_000 },
        );
        expect(result.isError ?? false, textOf(result)).toBe(false);
        status = result.structuredContent as unknown as JobOutput;
      }
      expect(status.state).toBe('done');
      expect(status.counts).toEqual({ total: ROWS, done: ROWS, submitted: ROWS, failed: 0, unknown: 0 });
      expect(progress.length).toBeGreaterThan(0);
      for (let i = 1; i < progress.length; i += 1) expect(progress[i]).toBeGreaterThan(progress[i - 1] as number);

      // The resource carries the same per-row report.
      const read = await client.readResource({ uri: first.resourceUri });
      const report = JSON.parse((read.contents[0] as { text: string }).text) as JobOutput;
      expect(report.rows).toHaveLength(ROWS);
      expect(new Set(report.rows.map((r) => r.status))).toEqual(new Set(['submitted']));

      // The emulator's records: every space exactly once, with the RequestId the report names; no call refused.
      const bySpace = new Map<string, string[]>();
      for (const s of await remote.submissions()) {
        bySpace.set(s.custSpaceId, [...(bySpace.get(s.custSpaceId) ?? []), s.requestId]);
      }
      for (const row of report.rows) expect(bySpace.get(row.custSpaceId), row.id).toEqual([row.requestId]);
      const stats = await remote.stats();
      expect(stats.errors['System.LimitControl'] ?? 0).toBe(0);
      expect(stats.rejected).toBe(0);
    } finally {
      await client.close();
      await remote.close();
    }
  }, 120_000);
});

describe('start_isv_onboarding_batch', () => {
  it('takes inline rows (integer custSpaceId included) and waits with progress when asked', async () => {
    const session = await open();
    const spaces = SPACES.slice(ROWS, ROWS + 3);
    try {
      const rows = spaces.map((space, i) => ({
        id: `inline-${i}`,
        custSpaceId: i === 0 ? Number(space) : space,
        custName: `Inline ${i} Pte Ltd`,
        officeAddress: '2 Market Street',
        contactMail: `inline${i}@example.com`,
        countryId: 'SG',
        businessDesc: 'Notifications',
        termsFile: 'terms.pdf',
      }));
      const progress: number[] = [];
      const result = await session.client.callTool(
        { name: 'start_isv_onboarding_batch', arguments: { rows, waitSeconds: 30 } },
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(result.isError ?? false, textOf(result)).toBe(false);
      const out = result.structuredContent as unknown as JobOutput;
      expect(out.state).toBe('done');
      expect(out.counts.submitted).toBe(3);
      expect(progress).toEqual([1, 2, 3]);
      for (const space of spaces) expect(emu.submissions().filter((s) => s.custSpaceId === space)).toHaveLength(1);
    } finally {
      await session.close();
    }
  }, 60_000);

  it('a failed row carries the hint for its error class: a denied RAM action names the action to grant', async () => {
    const denied = await startEmulator({
      seed: {
        accounts: [{ ...KEY, subscribed: true, deniedActions: ['cams:SubmitIsvCustomerTerms'], custSpaceIds: SPACES }],
      },
    });
    const session = await open('accept', denied);
    try {
      const row = {
        id: 'denied',
        custSpaceId: SPACES[0],
        custName: 'Denied Pte Ltd',
        officeAddress: '4 Quay',
        contactMail: 'denied@example.com',
        countryId: 'SG',
        businessDesc: 'Notifications',
        termsFile: 'terms.pdf',
      };
      const result = await session.client.callTool({
        name: 'start_isv_onboarding_batch',
        arguments: { rows: [row], waitSeconds: 30 },
      });
      const out = result.structuredContent as unknown as JobOutput;
      expect(out.state).toBe('done');
      expect(out.counts.failed).toBe(1);
      expect(out.rows[0]).toMatchObject({ id: 'denied', status: 'failed', errorCode: 'Ram.PermissionDeny' });
      expect(out.rows[0]?.errorHint).toContain('grant the RAM action cams:SubmitIsvCustomerTerms');
      expect(denied.submissions()).toHaveLength(0);
    } finally {
      await session.close();
      await denied.close();
    }
  }, 60_000);

  it('refuses invalid rows and PDFs outside the allowed directories before anything is sent', async () => {
    const session = await open();
    const before = emu.stats().requests;
    try {
      const row = (patch: Record<string, unknown>) => ({
        custSpaceId: SPACES[ROWS + 5],
        custName: 'Bad Row Ltd',
        officeAddress: '3 Road',
        contactMail: 'bad@example.com',
        countryId: 'SG',
        businessDesc: 'Marketing',
        termsFile: 'terms.pdf',
        ...patch,
      });
      const result = await session.client.callTool({
        name: 'start_isv_onboarding_batch',
        arguments: {
          rows: [
            row({ id: 'mail', contactMail: 'nope' }),
            row({ id: 'escape', custSpaceId: SPACES[ROWS + 6], termsFile: join(tree.outside, 'terms.pdf') }),
            row({ id: 'fraction', custSpaceId: 1.5 }),
          ],
        },
      });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toContain('(mail) contactMail');
      expect(text).toContain('(escape) termsFile');
      expect(text).toContain('PathNotAllowed');
      expect(text).toContain('(fraction) custSpaceId');
      expect(session.asked).toHaveLength(0);
      expect(emu.stats().requests).toBe(before);
    } finally {
      await session.close();
    }
  });

  it('a declined batch sends nothing; an unknown job id is a clean error', async () => {
    const session = await open('decline');
    const before = emu.stats().requests;
    try {
      const result = await session.client.callTool({
        name: 'start_isv_onboarding_batch',
        arguments: { file: 'batch/customers.csv' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('ConfirmationDeclined');
      expect(emu.stats().requests).toBe(before);
      const unknown = await session.client.callTool({
        name: 'get_isv_onboarding_batch',
        arguments: { jobId: 'no-such-job' },
      });
      expect(unknown.isError).toBe(true);
      expect(textOf(unknown)).toContain('JobNotFound');
    } finally {
      await session.close();
    }
  });
});
