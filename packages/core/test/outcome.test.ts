// Outcome-aware submits against the emulator: a submission is a legal record, so a failure after the request may
// have left (a reset, an answer slower than timeoutMs) is never resent blindly: the record is read back first, and
// only a record that does not show the write lets it go once more (the default `lostAnswer: 'resend-if-absent'`;
// `'report'` throws OutcomeUnknownError instead). Failures that provably recorded nothing (an error answer, also
// one with HTTP 200) are retried. The emulator counts what reached it, so every test
// shows how many requests were sent, not just what the client said.
import { describe, expect, it } from 'vitest';
import { ChatAppError, OutcomeUnknownError, type QuotaLimiter } from '../src/index.js';
import { clientFor, emulatorSuite, permitted } from './helpers/emulator.js';
import { onboardingInput, samplePdf, validTerms } from './helpers/fixtures.js';

const suite = emulatorSuite();

function submitRequests(): number {
  return suite.emu.stats().operations.SubmitIsvCustomerTerms.requests;
}

function recordedFor(space: string): number {
  return suite.emu.submissions().filter((entry) => entry.custSpaceId === space).length;
}

describe('outcome-aware submits', () => {
  it('a reset after sending, read back and not on record, is sent once more and recorded once', async () => {
    const space = permitted(suite.emu).custSpaceIds[0] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu), { lostAnswerSettleMs: 200 });
    const recordedBefore = recordedFor(space);
    suite.emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 1 });
    const before = submitRequests();
    const result = await client.submitCustomerTerms(onboardingInput(space, 'resent-terms.pdf'));
    expect(result.submit).toMatchObject({ resentAfterReadBack: true, attempts: 2, generation: 'legacy' });
    expect(result.submit.requestId).not.toBe('');
    expect(submitRequests() - before).toBe(2);
    expect(recordedFor(space)).toBe(recordedBefore + 1);
  });

  it('a second lost answer after the one resend is reported, not sent a third time', async () => {
    const space = permitted(suite.emu).custSpaceIds[1] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu), { lostAnswerSettleMs: 100 });
    const recordedBefore = recordedFor(space);
    suite.emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 2 });
    const before = submitRequests();
    const error = await client
      .submitCustomerTerms(onboardingInput(space, 'twice-lost.pdf'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(submitRequests() - before).toBe(2);
    expect(recordedFor(space)).toBe(recordedBefore);
  });

  it('an answer slower than timeoutMs lands during the settle time and is recovered by read-back, not resent', async () => {
    const space = permitted(suite.emu).custSpaceIds[2] ?? '';
    // The default settle time (2 s) outlasts the emulator's 1.5 s delay before it records the write.
    const client = clientFor(suite.emu, permitted(suite.emu), { timeoutMs: 400 });
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'settled-terms.pdf' });
    suite.emu.setFaults('SubmitIsvCustomerTerms', { latencyMs: 1500, count: 1 });
    const before = submitRequests();
    const recordedBefore = recordedFor(space);
    const result = await client.submitIsvCustomerTerms({ ...validTerms(space), isvTerms: 'settled-terms.pdf' });
    expect(result).toMatchObject({ recoveredByReadBack: true, attempts: 1 });
    expect(submitRequests() - before).toBe(1);
    expect(recordedFor(space)).toBe(recordedBefore + 1);
  });

  it("with lostAnswer 'report', a reset after sending is an OutcomeUnknownError naming the space and the file", async () => {
    const space = permitted(suite.emu).custSpaceIds[0] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu), { lostAnswer: 'report', lostAnswerSettleMs: 0 });
    const recordedBefore = recordedFor(space);
    suite.emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 1 });
    const before = submitRequests();
    const error = await client
      .submitCustomerTerms(onboardingInput(space, 'reset-terms.pdf'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({
      code: 'OutcomeUnknown',
      operation: 'SubmitIsvCustomerTerms',
      custSpaceId: space,
      isvTerms: 'reset-terms.pdf',
      objectKey: `C${space}/reset-terms.pdf`,
      attempts: 1,
    });
    expect((error as Error).message).toContain(space);
    expect((error as Error).message).toContain(`C${space}/reset-terms.pdf`);
    expect((error as Error).cause).toBeInstanceOf(ChatAppError);
    expect(((error as Error).cause as ChatAppError).code).toBe('ECONNRESET');
    expect(submitRequests() - before).toBe(1);
    expect(recordedFor(space)).toBe(recordedBefore);
  });

  it("with lostAnswer 'report' and no settle time, an answer slower than timeoutMs is one request, one report", async () => {
    const space = permitted(suite.emu).custSpaceIds[1] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu), {
      timeoutMs: 400,
      lostAnswer: 'report',
      lostAnswerSettleMs: 0,
    });
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'slow-terms.pdf' });
    suite.emu.setFaults('SubmitIsvCustomerTerms', { latencyMs: 1500, count: 1 });
    const before = submitRequests();
    const error = await client
      .submitIsvCustomerTerms({ ...validTerms(space), isvTerms: 'slow-terms.pdf' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(((error as Error).cause as ChatAppError).codeClass).toBe('transient');
    // Let the emulator finish the slow call: it records it, once, although the client gave up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(submitRequests() - before).toBe(1);
  });

  it('an answer lost after the write was recorded is recovered by reading the record back, not resent', async () => {
    const space = permitted(suite.emu).custSpaceIds[2] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu), { timeoutMs: 400 });
    suite.emu.setFaults('SubmitIsvCustomerTerms', { latencyAfterMs: 1500, count: 1 });
    const before = submitRequests();
    const recordedBefore = recordedFor(space);
    const result = await client.submitCustomerTerms(onboardingInput(space, 'late-answer.pdf'));
    expect(result.submit).toMatchObject({
      recoveredByReadBack: true,
      attempts: 1,
      requestId: '',
      generation: 'legacy',
    });
    expect(submitRequests() - before).toBe(1);
    expect(recordedFor(space)).toBe(recordedBefore + 1);
  });

  it("with lostAnswer 'report', a read-back showing a different record is an OutcomeUnknownError that says so", async () => {
    const space = permitted(suite.emu).custSpaceIds[0] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu), { lostAnswer: 'report', lostAnswerSettleMs: 0 });
    await client.submitCustomerTerms(onboardingInput(space, 'first.pdf'));
    suite.emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 1 });
    const error = await client
      .submitCustomerTerms({ ...onboardingInput(space, 'second.pdf'), custName: 'Renamed Pte Ltd' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toMatch(/record read back differs in custName, isvTerms/);
    expect((error as Error).message).toMatch(/check before resubmitting$/);
  });

  it('error answers recorded nothing and are retried; the result counts the attempts', async () => {
    const space = permitted(suite.emu).custSpaceIds[2] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu));
    suite.emu.setFaults('SubmitIsvCustomerTerms', { errorCode: 'InternalError', count: 2 });
    const result = await client.submitCustomerTerms(onboardingInput(space, 'retried-terms.pdf'));
    expect(result.submit.attempts).toBe(3);
    expect(result.upload.attempts).toBe(1);
    expect(suite.emu.submissions().filter((entry) => entry.requestId === result.submit.requestId)).toHaveLength(1);
  });

  it('HTTP 200 carrying Code InternalError is retried like a 500', async () => {
    const space = permitted(suite.emu).custSpaceIds[0] ?? '';
    const client = clientFor(suite.emu, permitted(suite.emu));
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'ok-status.pdf' });
    suite.emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'InternalError', count: 2 });
    const before = submitRequests();
    const result = await client.submitIsvCustomerTerms({ ...validTerms(space), isvTerms: 'ok-status.pdf' });
    expect(result.attempts).toBe(3);
    expect(submitRequests() - before).toBe(3);
    expect(suite.emu.stats().operations.SubmitIsvCustomerTerms.errors['InternalError']).toBeGreaterThanOrEqual(2);
  });

  it('the retry budget starts when a request is first sent: time queued for the quota does not count', async () => {
    // A limiter that makes every attempt queue longer than the whole budget. Counting queue time, the first failure
    // would end the call; counting from the first send, without quota waits, the call gets its retries.
    const slowQueue: QuotaLimiter = {
      acquire: () => new Promise<void>((resolve) => setTimeout(resolve, 600)),
    };
    const client = clientFor(suite.emu, permitted(suite.emu), {
      quota: slowQueue,
      retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 500 },
    });
    const space = permitted(suite.emu).custSpaceIds[1] ?? '';
    suite.emu.setFaults('SubmitIsvCustomerTerms', { throttle: true, count: 2 });
    const result = await client.submitCustomerTerms(onboardingInput(space, 'queued-terms.pdf'));
    expect(result.submit.attempts).toBe(3);
  });
});
