// A write whose answer was lost (timeout, connection dropped after sending) may or may not be on record, and a
// submission is a legal record: it is never resent blindly. Instead, after a short settle time (so a write still in
// flight at the service can land), the record is read back. If it shows exactly what was sent, the write is taken as
// done (`recoveredByReadBack`, no RequestId: the answer that carried it was lost). If the space's record is there but
// does not show it, the write did not land: under the default policy it is sent once more (`resentAfterReadBack`),
// and a second lost answer is not resent again. Anything else (no record at all, a failed read, the `report`
// policy) is an OutcomeUnknownError that says why.
import type { ClientContext } from './context.js';
import { OutcomeUnknownError, type ChatAppError } from './errors.js';
import type { UsedGeneration } from './events.js';
import { compareRecord } from './instance-record.js';
import { readValidated } from './operations/read-customer-terms.js';
import type { SubmitResult } from './operations/submit-isv-customer-terms.js';
import type { CompanyDetails } from './validation/schemas.js';

/** What a lost answer whose write the record does not show leads to: one more send, or an OutcomeUnknownError. */
export type LostAnswerPolicy = 'resend-if-absent' | 'report';

/** Default wait between a lost answer and the read-back, in ms. */
export const DEFAULT_LOST_ANSWER_SETTLE_MS = 2000;

/** The write whose answer was lost. */
export interface LostWrite {
  operation: string;
  generation: UsedGeneration;
  company: CompanyDetails;
  /** The agreement as uploaded (`objectKey` may be unknown for a legacy write of an already uploaded file). */
  upload: { isvTerms: string; objectKey: string | undefined };
  /** The record written (instance writes). */
  instanceId?: string | undefined;
  /** The failure that lost the answer. */
  lost: ChatAppError;
}

/**
 * Reads the record back: a recovered result when it shows what was sent; else, when `resend` is given and the
 * policy allows, the result of sending it once more; else OutcomeUnknownError.
 */
export async function settleByReadBack(
  ctx: ClientContext,
  write: LostWrite,
  resend?: () => Promise<SubmitResult>,
): Promise<SubmitResult> {
  const { company, upload, lost } = write;
  const { policy, settleMs } = ctx.lostAnswer ?? {
    policy: 'resend-if-absent',
    settleMs: DEFAULT_LOST_ANSWER_SETTLE_MS,
  };
  ctx.logger.warn('write outcome unknown; reading the record back', {
    custSpaceId: company.custSpaceId,
    operation: write.operation,
    code: lost.code,
    attempts: lost.attempts,
  });
  const unknown = (reason: string, cause: Error = lost): OutcomeUnknownError =>
    new OutcomeUnknownError({
      operation: write.operation,
      custSpaceId: company.custSpaceId,
      isvTerms: upload.isvTerms,
      objectKey: upload.objectKey,
      attempts: lost.attempts,
      reason,
      cause,
    });
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  let record;
  try {
    record = await readValidated(ctx, company.custSpaceId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw unknown(`the answer was lost (${lost.code}) and the read-back failed: ${message}`);
  }
  const mismatches = compareRecord(record, company, {
    isvTerms: upload.isvTerms,
    objectKey: upload.objectKey ?? upload.isvTerms,
  });
  if (mismatches.length > 0) {
    const fields = mismatches.map((entry) => entry.field).join(', ');
    if (resend !== undefined && policy === 'resend-if-absent') {
      ctx.logger.warn('the record read back does not show the lost write; sending it once more', {
        custSpaceId: company.custSpaceId,
        operation: write.operation,
        differs: fields,
      });
      const result = await resend();
      return { ...result, attempts: lost.attempts + result.attempts, resentAfterReadBack: true };
    }
    throw unknown(`the answer was lost (${lost.code}) and the record read back differs in ${fields}`);
  }
  return {
    requestId: '',
    code: 'OK',
    message: 'recovered by read-back',
    attempts: lost.attempts,
    recoveredByReadBack: true,
    generation: write.generation,
    instanceId: write.instanceId ?? record.instanceId,
    isvTerms: record.isvTerms ?? upload.isvTerms,
  };
}
