// The engine against the emulator through core: a run journals every state change, a resumed run skips what is
// submitted, submits what is uploaded without re-uploading, re-does a changed row, holds a row whose submit outcome
// is unknown (or reads it back when it can), and a cancelled run finishes the rows in flight and starts no others.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIsvTermsClient, createQuotaLimiter, type IsvTermsClient } from '@chatapp-isv/core';
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openJournal,
  prepareBatch,
  readBackFor,
  recordMatches,
  runBatch,
  type BatchEvent,
  type JournalEntry,
  type JournalWriter,
  type PrepareBatchOptions,
  type ReadBack,
} from '../src/index.js';

const N = 12;
let emu: Emulator;
let dir: string;
let client: IsvTermsClient;
const GROUPS = 8;
/** Each test gets its own spaces (group g), so one test's submissions never count in another's. */
const spacesOf = (group: number) =>
  Array.from({ length: N }, (_, index) => `7${group}${String(index + 1).padStart(13, '0')}`);
let spaces = spacesOf(0);

function csvFor(changedName?: string): string {
  const lines = spaces.map(
    (space, index) =>
      `row-${index + 1},${space},${index === 0 && changedName !== undefined ? changedName : `Customer ${index + 1}`},` +
      `"${index + 1} Road, Singapore",c${index + 1}@x.example,SG,Orders,c${index + 1}.pdf`,
  );
  return ['id,custSpaceId,custName,officeAddress,contactMail,countryId,businessDesc,termsFile', ...lines].join('\n');
}

beforeAll(async () => {
  emu = await startEmulator({
    port: 0,
    rateLimitPerSecond: 50,
    seed: {
      accounts: [
        {
          accessKeyId: 'FAKE-BATCH-KEY',
          accessKeySecret: 'fake-batch-secret',
          subscribed: true,
          deniedActions: [],
          custSpaceIds: Array.from({ length: GROUPS }, (_, group) => spacesOf(group)).flat(),
        },
      ],
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'batch-engine-'));
  for (let index = 1; index <= N; index += 1) {
    await writeFile(join(dir, `c${index}.pdf`), `%PDF-1.4\n% customer ${index}\n%%EOF\n`);
  }
  client = createIsvTermsClient({
    endpoint: emu.endpoint,
    credentials: { accessKeyId: 'FAKE-BATCH-KEY', accessKeySecret: 'fake-batch-secret' },
    quota: createQuotaLimiter({ requestsPerSecond: 50 }),
    retry: { baseDelayMs: 10, maxDelayMs: 50 },
  });
});
afterAll(async () => {
  await emu?.close();
  await rm(dir, { recursive: true, force: true });
});

let nextGroup = 0;
async function setup(name: string): Promise<PrepareBatchOptions> {
  spaces = spacesOf(nextGroup++);
  const csv = csvFor();
  const file = join(dir, `${name}.csv`);
  await writeFile(file, csv);
  return { file, journalPath: join(dir, `${name}.journal.jsonl`) };
}

async function run(
  options: PrepareBatchOptions,
  extra: { readBack?: ReadBack; signal?: AbortSignal; resubmitUnknown?: boolean } = {},
) {
  const prepared = await prepareBatch({ ...options, readBack: extra.readBack !== undefined });
  const journal = await openJournal(options.journalPath as string);
  const events: BatchEvent[] = [];
  try {
    const result = await runBatch({
      client,
      plan: prepared.plan,
      journal,
      readBack: extra.readBack,
      resubmitUnknown: extra.resubmitUnknown,
      signal: extra.signal,
      concurrency: 4,
      onEvent: (event) => events.push(event),
    });
    return { ...result, events, plan: prepared.plan };
  } finally {
    await journal.close();
  }
}

async function journalLines(path: string): Promise<JournalEntry[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}

const submissionsOf = (space: string) => emu.submissions().filter((entry) => entry.custSpaceId === space);

describe('runBatch', () => {
  it('onboards every row, journals each state in order and emits one row-done per row', async () => {
    const options = await setup('first');
    const { summary, events, results } = await run(options);
    expect(summary).toMatchObject({ total: N, submitted: N, failed: 0, unknown: 0, interrupted: false });
    expect(results.every((result) => result.requestId !== undefined && result.isvTerms !== undefined)).toBe(true);
    expect(events.filter((event) => event.type === 'row-done')).toHaveLength(N);
    expect(events[0]).toMatchObject({ type: 'start', total: N, counts: { onboard: N } });
    expect(events.at(-1)).toMatchObject({ type: 'end' });
    const states = (await journalLines(options.journalPath as string))
      .filter((line) => line.id === 'row-1')
      .map((line) => line.state);
    expect(states).toEqual(['validated', 'uploaded', 'submitting', 'submitted']);
    for (const space of spaces) expect(submissionsOf(space)).toHaveLength(1);

    // Running again with the same journal sends nothing.
    const again = await run(options);
    expect(again.summary).toMatchObject({ alreadySubmitted: N, submitted: 0 });
    for (const space of spaces) expect(submissionsOf(space)).toHaveLength(1);

    // A changed row (a field) is re-done; the others are not.
    await writeFile(options.file, csvFor('Customer One Renamed'));
    const changed = await run(options);
    expect(changed.plan.filter((entry) => entry.action === 'onboard').map((entry) => entry.row.id)).toEqual(['row-1']);
    expect(submissionsOf(spaces[0] as string).map((entry) => entry.custName)).toEqual([
      'Customer 1',
      'Customer One Renamed',
    ]);
  });

  it('resumes: submits uploaded rows without re-uploading, holds unknown ones, reads back when it can', async () => {
    const options = await setup('resume');
    const journalPath = options.journalPath as string;
    // Build a journal as a crash would leave it: row-1 uploaded, row-2 submit sent but unanswered.
    const first = await run(options, { signal: AbortSignal.abort() });
    expect(first.summary).toMatchObject({ notStarted: N, interrupted: true });
    const [one, two] = first.plan;
    const upload = await client.uploadTermsFile({
      custSpaceId: one!.row.details.custSpaceId,
      file: one!.row.termsPath,
    });
    const upload2 = await client.uploadTermsFile({
      custSpaceId: two!.row.details.custSpaceId,
      file: two!.row.termsPath,
    });
    const journal = await openJournal(journalPath);
    const base = (entry: typeof one) => ({
      id: entry!.row.id,
      fingerprint: entry!.row.fingerprint,
      custSpaceId: entry!.row.details.custSpaceId,
    });
    await journal.append({ ...base(one), state: 'uploaded', ...upload });
    await journal.append({ ...base(two), state: 'uploaded', ...upload2 });
    await journal.append({ ...base(two), state: 'submitting', isvTerms: upload2.isvTerms });
    await journal.close();
    await writeFile(journalPath, '{"v":1,"id":"row-3","sta', { flag: 'a' }); // a torn last line
    const putsBefore = emu.stats().operations.PutObject?.succeeded ?? 0;

    const resumed = await run(options);
    const byId = new Map(resumed.results.map((result) => [result.id, result]));
    expect(byId.get('row-1')).toMatchObject({ status: 'submitted', action: 'submit', reason: 'resume-uploaded' });
    expect(byId.get('row-2')).toMatchObject({ status: 'unknown', action: 'hold', code: 'OutcomeUnknown' });
    expect(submissionsOf(two!.row.details.custSpaceId)).toHaveLength(0);
    // row-1 was not uploaded again: N - 2 new uploads only.
    expect((emu.stats().operations.PutObject?.succeeded ?? 0) - putsBefore).toBe(N - 2);
    expect(resumed.summary).toMatchObject({ submitted: N - 1, unknown: 1 });

    // With read-back: a record that does not show row-2 → it is submitted (once); one that does → confirmed.
    let reads = 0;
    const readBack: ReadBack = async (custSpaceId) => {
      reads += 1;
      const last = submissionsOf(custSpaceId).at(-1);
      return last === undefined ? undefined : { ...last };
    };
    const settled = await run(options, { readBack });
    expect(reads).toBe(1);
    expect(settled.results.find((result) => result.id === 'row-2')).toMatchObject({ status: 'submitted' });
    expect(submissionsOf(two!.row.details.custSpaceId)).toHaveLength(1);
  });

  it('confirms an unknown row by read-back instead of resending it', async () => {
    const options = await setup('confirm');
    const done = await run(options);
    expect(done.summary.submitted).toBe(N);
    // Pretend the answer to row-3's submit was lost: its last line says "submitting".
    const row3 = done.plan[2]!.row;
    const journal = await openJournal(options.journalPath as string);
    await journal.append({
      id: row3.id,
      fingerprint: row3.fingerprint,
      custSpaceId: row3.details.custSpaceId,
      state: 'submitting',
      isvTerms: row3.fileName,
    });
    await journal.close();
    const before = emu.submissions().length;
    const readBack: ReadBack = async (custSpaceId) => submissionsOf(custSpaceId).at(-1);
    const settled = await run(options, { readBack });
    expect(settled.results.find((result) => result.id === row3.id)).toMatchObject({
      status: 'submitted',
      confirmedBy: 'read-back',
    });
    expect(emu.submissions().length).toBe(before);
  });

  it("readBackFor reads core's record: no terms for a space never submitted, the row itself once on record", async () => {
    const options = await setup('core-read-back');
    const readBack = readBackFor(client);
    const prepared = await prepareBatch({ ...options, readBack: true });
    const row = prepared.plan[0]!.row;
    // An owned space has an instance before any submission, but no terms: that never matches a row.
    expect(recordMatches(await readBack(row.details.custSpaceId), row)).toBe(false);
    const done = await run(options, { readBack });
    expect(done.summary.submitted).toBe(N);
    const record = await readBack(row.details.custSpaceId);
    expect(recordMatches(record, row)).toBe(true);
    expect(recordMatches(record, prepared.plan[1]!.row)).toBe(false);
  });

  it('keeps a row unknown when read-back fails, and resubmits it only if asked when the endpoint cannot read back', async () => {
    const options = await setup('unreadable');
    const done = await run(options, { signal: AbortSignal.abort() });
    const row = done.plan[0]!.row;
    const journal = await openJournal(options.journalPath as string);
    await journal.append({
      id: row.id,
      fingerprint: row.fingerprint,
      custSpaceId: row.details.custSpaceId,
      state: 'submitting',
      isvTerms: row.fileName,
    });
    await journal.close();
    const unsupported: ReadBack = async () => {
      throw Object.assign(new Error('ListInstance is not served here'), { code: 'InvalidAction.NotFound' });
    };
    const held = await run(options, { readBack: unsupported });
    expect(held.results.find((result) => result.id === row.id)).toMatchObject({
      status: 'unknown',
      code: 'InvalidAction.NotFound',
    });
    expect(submissionsOf(row.details.custSpaceId)).toHaveLength(0);
    const forced = await run(options, { readBack: unsupported, resubmitUnknown: true });
    expect(forced.results.find((result) => result.id === row.id)).toMatchObject({ status: 'submitted' });
    expect(submissionsOf(row.details.custSpaceId)).toHaveLength(1);
  });

  it('journals a submit whose answer was lost but that core confirmed by read-back as submitted, sent once', async () => {
    const options = await setup('lost-answer');
    const impatient = createIsvTermsClient({
      endpoint: emu.endpoint,
      credentials: { accessKeyId: 'FAKE-BATCH-KEY', accessKeySecret: 'fake-batch-secret' },
      quota: createQuotaLimiter({ requestsPerSecond: 50 }),
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      timeoutMs: 400,
    });
    // The first submit is recorded, then answered only after the client gave up waiting.
    emu.setFaults('SubmitIsvCustomerTerms', { latencyAfterMs: 1500, count: 1 });
    const prepared = await prepareBatch(options);
    const journal = await openJournal(options.journalPath as string);
    const { results, summary } = await runBatch({ client: impatient, plan: prepared.plan, journal, concurrency: 1 });
    await journal.close();
    emu.clearFaults('SubmitIsvCustomerTerms');
    expect(summary).toMatchObject({ submitted: N, failed: 0, unknown: 0 });
    const confirmed = results.filter((result) => result.confirmedBy === 'read-back');
    expect(confirmed).toHaveLength(1);
    expect(submissionsOf(confirmed[0]!.custSpaceId)).toHaveLength(1);
    const lines = await journalLines(options.journalPath as string);
    expect(lines.filter((line) => line.state === 'submitted' && line.confirmedBy === 'read-back')).toHaveLength(1);
  });

  it('reports a row submitted once even when its journal line cannot be written after the submit', async () => {
    const options = await setup('journal-fails');
    const prepared = await prepareBatch(options);
    const real = await openJournal(options.journalPath as string);
    // A disk that fills up right after the submits: every `submitted` line fails to write.
    const failing: JournalWriter = {
      path: real.path,
      append: (entry) =>
        entry.state === 'submitted' ? Promise.reject(new Error('ENOSPC: no space left on device')) : real.append(entry),
      close: () => real.close(),
    };
    const events: BatchEvent[] = [];
    const { summary } = await runBatch({
      client,
      plan: prepared.plan,
      journal: failing,
      concurrency: 4,
      onEvent: (event) => events.push(event),
    });
    await real.close();
    expect(summary).toMatchObject({ submitted: N, failed: 0 });
    expect(events.filter((event) => event.type === 'row-done')).toHaveLength(N);
    // The journal's last word is `submitting`: a resume reads those rows back instead of resending them.
    const again = await prepareBatch({ ...options, readBack: true });
    expect(again.plan.every((entry) => entry.action === 'read-back')).toBe(true);
  });

  it('on cancellation finishes the rows in flight and starts no more', async () => {
    // Abort as soon as the first row is done.
    const second = await setup('cancel');
    const abortOnFirst = new AbortController();
    const prepared = await prepareBatch(second);
    const journal = await openJournal(second.journalPath as string);
    const seen: BatchEvent[] = [];
    const result = await runBatch({
      client,
      plan: prepared.plan,
      journal,
      concurrency: 2,
      signal: abortOnFirst.signal,
      onEvent: (event) => {
        seen.push(event);
        if (event.type === 'row-done') abortOnFirst.abort();
      },
    });
    await journal.close();
    expect(result.summary.interrupted).toBe(true);
    // The two rows in flight when the first finished are both finished, submitted; the rest never started.
    expect(result.summary.submitted).toBe(2);
    expect(result.summary.notStarted).toBe(N - 2);
    expect(seen.filter((event) => event.type === 'stopping')).toHaveLength(1);
    const lines = await journalLines(second.journalPath as string);
    expect(new Set(lines.map((line) => line.id)).size).toBe(2);
  });
});
