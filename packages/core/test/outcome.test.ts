// Outcome-aware submits against the emulator: a submission is a legal record, so a failure after the request may
// have left (a reset, an answer slower than timeoutMs) is never resent blindly, while failures that provably recorded
// nothing (an error answer, also one with HTTP 200) are retried. The emulator counts what reached it, so every test
// shows how many requests were sent, not just what the client said.
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChatAppError, OutcomeUnknownError, type QuotaLimiter } from '../src/index.js';
import { clientFor, emulator, permitted } from './helpers/emulator.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await emulator();
});

afterEach(() => {
  emu.clearFaults();
});

afterAll(async () => {
  await emu.close();
});

function onboarding(custSpaceId: string, fileName: string) {
  const { isvTerms: _unused, ...company } = validTerms(custSpaceId);
  void _unused;
  return { ...company, termsFile: samplePdf(), fileName };
}

function submitRequests(): number {
  return emu.stats().operations.SubmitIsvCustomerTerms.requests;
}

function recordedFor(space: string): number {
  return emu.submissions().filter((entry) => entry.custSpaceId === space).length;
}

describe('outcome-aware submits', () => {
  it('a reset after sending is an OutcomeUnknownError naming the space and the file, and is not resent', async () => {
    const space = permitted(emu).custSpaceIds[0] ?? '';
    const client = clientFor(emu, permitted(emu));
    const recordedBefore = recordedFor(space);
    emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 1 });
    const before = submitRequests();
    const error = await client
      .submitCustomerTerms(onboarding(space, 'reset-terms.pdf'))
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

  it('an answer slower than timeoutMs is not resent: one request, one outcome-unknown report', async () => {
    const space = permitted(emu).custSpaceIds[1] ?? '';
    const client = clientFor(emu, permitted(emu), { timeoutMs: 400 });
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'slow-terms.pdf' });
    emu.setFaults('SubmitIsvCustomerTerms', { latencyMs: 1500, count: 1 });
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
    const space = permitted(emu).custSpaceIds[2] ?? '';
    const client = clientFor(emu, permitted(emu), { timeoutMs: 400 });
    emu.setFaults('SubmitIsvCustomerTerms', { latencyAfterMs: 1500, count: 1 });
    const before = submitRequests();
    const recordedBefore = recordedFor(space);
    const result = await client.submitCustomerTerms(onboarding(space, 'late-answer.pdf'));
    expect(result.submit).toMatchObject({
      recoveredByReadBack: true,
      attempts: 1,
      requestId: '',
      generation: 'legacy',
    });
    expect(submitRequests() - before).toBe(1);
    expect(recordedFor(space)).toBe(recordedBefore + 1);
  });

  it('a read-back showing a different record is an OutcomeUnknownError that says so', async () => {
    const space = permitted(emu).custSpaceIds[0] ?? '';
    const client = clientFor(emu, permitted(emu));
    await client.submitCustomerTerms(onboarding(space, 'first.pdf'));
    emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 1 });
    const error = await client
      .submitCustomerTerms({ ...onboarding(space, 'second.pdf'), custName: 'Renamed Pte Ltd' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toMatch(/record read back differs in custName, isvTerms/);
    expect((error as Error).message).toMatch(/check before resubmitting$/);
  });

  it('error answers recorded nothing and are retried; the result counts the attempts', async () => {
    const space = permitted(emu).custSpaceIds[2] ?? '';
    const client = clientFor(emu, permitted(emu));
    emu.setFaults('SubmitIsvCustomerTerms', { errorCode: 'InternalError', count: 2 });
    const result = await client.submitCustomerTerms(onboarding(space, 'retried-terms.pdf'));
    expect(result.submit.attempts).toBe(3);
    expect(result.upload.attempts).toBe(1);
    expect(emu.submissions().filter((entry) => entry.requestId === result.submit.requestId)).toHaveLength(1);
  });

  it('HTTP 200 carrying Code InternalError is retried like a 500', async () => {
    const space = permitted(emu).custSpaceIds[0] ?? '';
    const client = clientFor(emu, permitted(emu));
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'ok-status.pdf' });
    emu.setFaults('SubmitIsvCustomerTerms', { okStatusErrorCode: 'InternalError', count: 2 });
    const before = submitRequests();
    const result = await client.submitIsvCustomerTerms({ ...validTerms(space), isvTerms: 'ok-status.pdf' });
    expect(result.attempts).toBe(3);
    expect(submitRequests() - before).toBe(3);
    expect(emu.stats().operations.SubmitIsvCustomerTerms.errors['InternalError']).toBeGreaterThanOrEqual(2);
  });

  it('the retry budget starts when a request is first sent: time queued for the quota does not count', async () => {
    // A limiter that makes every attempt queue longer than the whole budget. Counting queue time, the first failure
    // would end the call; counting from the first send, without quota waits, the call gets its retries.
    const slowQueue: QuotaLimiter = {
      acquire: () => new Promise<void>((resolve) => setTimeout(resolve, 600)),
    };
    const client = clientFor(emu, permitted(emu), {
      quota: slowQueue,
      retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 500 },
    });
    const space = permitted(emu).custSpaceIds[1] ?? '';
    emu.setFaults('SubmitIsvCustomerTerms', { throttle: true, count: 2 });
    const result = await client.submitCustomerTerms(onboarding(space, 'queued-terms.pdf'));
    expect(result.submit.attempts).toBe(3);
  });
});
