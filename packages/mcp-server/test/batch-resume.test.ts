// Batch jobs journal every step and resume, through a real client against the emulator. Each "restart" is a new
// server (a fresh job store, as after the process died) over the same journal directory: rows on record per the
// journal are not sent again, rows left `submitting` are read back and sent only if the record does not show them,
// inline rows resume the same way, the same batch is refused while it is being started or runs, and a journal
// directory that cannot be written refuses the batch, sending nothing.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { connectInMemory, makeTree, pdf, textOf, type Tree } from './helpers.js';
import { core } from './native.js';

const KEY = { accessKeyId: 'FAKEbatchresume00001', accessKeySecret: 'batch-resume-tests-secret-not-real' };
const SPACES = Array.from({ length: 12 }, (_, i) => String(640000000000001 + i));
let emu: Emulator;
let tree: Tree;

beforeAll(async () => {
  emu = await startEmulator({
    seed: { accounts: [{ ...KEY, subscribed: true, deniedActions: [], custSpaceIds: SPACES }] },
  });
  tree = await makeTree();
});

afterAll(async () => {
  await emu.close();
  await tree.remove();
});

interface JobOutput {
  state: string;
  plan: { resumed: boolean; alreadyOnRecord: number; toReadBack: number; toSend: number };
  counts: { total: number; submitted: number; failed: number; unknown: number };
  rows: { id: string; custSpaceId: string; status: string }[];
}

/** A new server over `journalDir`, as after a restart; `asked` collects confirmation questions. */
async function restart(journalDir: string) {
  const asked: string[] = [];
  const session = await connectInMemory({
    era: 'legacy',
    client: core.createIsvTermsClient({ endpoint: emu.endpoint, credentials: KEY }),
    config: { allowDirs: [tree.allowed], confirm: 'ask', journalDir },
    clientOptions: { elicit: { answer: { action: 'accept', content: { confirm: true } }, asked } },
  });
  const start = async (args: Record<string, unknown>) => {
    const result = await session.client.callTool({
      name: 'start_isv_onboarding_batch',
      arguments: { ...args, waitSeconds: 30 },
    });
    expect(result.isError ?? false, textOf(result)).toBe(false);
    const out = result.structuredContent as unknown as JobOutput;
    expect(out.state).toBe('done');
    return out;
  };
  return { ...session, asked, start };
}

const onRecord = (space: string) => emu.submissions().filter((s) => s.custSpaceId === space).length;
const puts = () => emu.stats().operations.PutObject?.succeeded ?? 0;

function customer(i: number) {
  return {
    id: `r${i}`,
    custSpaceId: SPACES[i] as string,
    custName: `Resume ${i} Pte Ltd`,
    officeAddress: `${i} Canal Road`,
    contactMail: `resume${i}@example.com`,
    countryId: 'SG',
    businessDesc: 'Notifications',
    termsFile: 'terms.pdf',
  };
}

describe('a batch started again resumes its journal', () => {
  it('reads back rows left `submitting`: the one on record is not resent, the one not on record is sent once', async () => {
    const journalDir = await mkdtemp(join(tree.base, 'journals-'));
    const dir = join(tree.allowed, 'resume-b');
    await mkdir(dir);
    const rows = [customer(0), customer(1)];
    await writeFile(join(dir, 'a.pdf'), pdf('resume-a'));
    await writeFile(join(dir, 'b.pdf'), pdf('resume-b'));
    const csv = rows.map(
      (r, i) => `${r.id},${r.custSpaceId},${r.custName},${r.officeAddress},${r.contactMail},SG,x,${'ab'[i]}.pdf`,
    );
    await writeFile(
      join(dir, 'customers.csv'),
      ['id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile', ...csv].join('\n'),
    );

    // First run: one submit is refused (nothing recorded), the other lands.
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Ram.PermissionDeny', count: 1 });
    const first = await restart(journalDir);
    const one = await first.start({ file: 'resume-b/customers.csv' });
    await first.close();
    expect(one.counts).toMatchObject({ submitted: 1, failed: 1 });
    const landed = one.rows.find((r) => r.status === 'submitted')?.custSpaceId as string;
    const lost = one.rows.find((r) => r.status === 'failed')?.custSpaceId as string;

    // Then pretend the server died after each submit left but before its answer was journaled.
    const [name, ...others] = await readdir(journalDir);
    expect(others).toEqual([]);
    const path = join(journalDir, name as string);
    const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
    const lastOf = new Map(lines.map((l, index) => [(JSON.parse(l) as { id: string }).id, index]));
    const kept = lines.filter((_, index) => ![...lastOf.values()].includes(index));
    const states = new Map(kept.map((l) => JSON.parse(l) as { id: string; state: string }).map((e) => [e.id, e.state]));
    expect([...states.values()]).toEqual(['submitting', 'submitting']);
    await writeFile(path, `${kept.join('\n')}\n`);

    const putsBefore = puts();
    const second = await restart(journalDir);
    const two = await second.start({ file: 'resume-b/customers.csv' });
    await second.close();
    expect(two.plan).toEqual({ resumed: true, alreadyOnRecord: 0, toReadBack: 2, toSend: 0 });
    expect(second.asked[0]).toContain('2 sent before without an answer, read back first');
    expect(two.counts).toMatchObject({ total: 2, submitted: 2, failed: 0, unknown: 0 });
    expect(onRecord(landed)).toBe(1);
    expect(onRecord(lost)).toBe(1);
    // The lost row was submitted with the upload its journal had: nothing uploaded again.
    expect(puts()).toBe(putsBefore);
  });

  it('resumes inline rows: rows on record are skipped, and a batch with nothing to send asks nothing', async () => {
    const journalDir = await mkdtemp(join(tree.base, 'journals-'));
    const rows = [customer(4), customer(5), customer(6)];
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'Ram.PermissionDeny', count: 1 });
    const first = await restart(journalDir);
    expect((await first.start({ rows })).counts).toMatchObject({ submitted: 2, failed: 1 });
    await first.close();

    const second = await restart(journalDir);
    const resumed = await second.start({ rows });
    expect(resumed.plan).toEqual({ resumed: true, alreadyOnRecord: 2, toReadBack: 0, toSend: 1 });
    expect(second.asked).toHaveLength(1);
    expect(second.asked[0]).toContain('Onboard 3 customers from inline rows, resuming its journal');
    expect(second.asked[0]).toContain('2 already on record (journal), 1 to send');
    expect(resumed.rows.filter((r) => r.status === 'already-submitted')).toHaveLength(2);
    expect(resumed.counts).toMatchObject({ submitted: 3, failed: 0 });

    // Everything on record: the job ends at once, nothing is asked and nothing sent.
    const requests = emu.stats().requests;
    const third = await second.start({ rows: [...rows].reverse() });
    expect(third.plan).toEqual({ resumed: true, alreadyOnRecord: 3, toReadBack: 0, toSend: 0 });
    expect(second.asked).toHaveLength(1);
    expect(emu.stats().requests).toBe(requests);
    await second.close();
    for (const row of rows) expect(onRecord(row.custSpaceId), row.id).toBe(1);
  });

  it('refuses the same batch while another call is starting it or its job runs, sending nothing twice', async () => {
    const journalDir = await mkdtemp(join(tree.base, 'journals-'));
    const rows = [customer(7), customer(8)];
    const session = await restart(journalDir);
    const refusals: string[] = [];
    // While the person is asked about the first call, the assistant starts the same batch again.
    session.client.setRequestHandler('elicitation/create', async () => {
      const again = await session.client.callTool({ name: 'start_isv_onboarding_batch', arguments: { rows } });
      expect(again.isError).toBe(true);
      refusals.push(textOf(again));
      return { action: 'accept', content: { confirm: true } };
    });
    try {
      // Slow the first upload down, so the job is surely running when the batch is started a third time.
      emu.setFaults('PutObject', { latencyMs: 5000, count: 1 });
      const first = await session.client.callTool({ name: 'start_isv_onboarding_batch', arguments: { rows } });
      expect(first.isError ?? false, textOf(first)).toBe(false);
      const { jobId } = first.structuredContent as unknown as { jobId: string };
      const third = await session.client.callTool({ name: 'start_isv_onboarding_batch', arguments: { rows } });
      expect(third.isError).toBe(true);
      refusals.push(textOf(third));
      expect(refusals[0]).toContain('BatchAlreadyRunning');
      expect(refusals[0]).toContain('being started by another call');
      expect(refusals[1]).toContain(`already running as job ${jobId}`);
      await session.client.callTool({ name: 'get_isv_onboarding_batch', arguments: { jobId, waitSeconds: 30 } });
    } finally {
      await session.close();
    }
    for (const row of rows) expect(onRecord(row.custSpaceId), row.id).toBe(1);
  });

  it('refuses a batch when the journal directory cannot be written, naming the setting, sending nothing', async () => {
    // A directory under a regular file cannot be created, whoever runs the test (root included).
    const session = await restart(join(tree.allowed, 'terms.pdf', 'journals'));
    const requests = emu.stats().requests;
    try {
      const result = await session.client.callTool({
        name: 'start_isv_onboarding_batch',
        arguments: { rows: [customer(9)] },
      });
      expect(result.isError).toBe(true);
      const text = textOf(result);
      expect(text).toContain('JournalUnavailable');
      expect(text).toContain('--journal-dir');
      expect(text).toContain('CHATAPP_ISV_MCP_JOURNAL_DIR');
      expect(session.asked).toHaveLength(0);
      expect(emu.stats().requests).toBe(requests);
    } finally {
      await session.close();
    }
  });
});
