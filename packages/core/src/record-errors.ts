// The two failures the read-back adds. Neither is a service error (the calls succeeded), so they are not
// ChatAppErrors: "not found" means every ListInstance page was read and no row names the space; "verification
// failed" means the write WAS accepted and the record read back does not show it (or could not be read). The
// latter carries the write's result, because a caller must never take it for a failed write and resend: a
// submission is a legal record.
import type { TermsMismatch } from './instance-record.js';
import type { UsedGeneration } from './events.js';

/** No record on file for the space: ListInstance was read to the end without a row for it. */
export class CustomerTermsNotFoundError extends Error {
  static {
    this.prototype.name = 'CustomerTermsNotFoundError';
  }

  /** Always `CustomerTerms.NotFound`, for callers that branch on codes. */
  readonly code = 'CustomerTerms.NotFound';
  /** The space looked for. */
  readonly custSpaceId: string;
  /** ListInstance pages read. */
  readonly pages: number;
  /** RequestId of the last ListInstance page. */
  readonly requestId: string | undefined;

  constructor(custSpaceId: string, pages: number, requestId: string | undefined) {
    const suffix = requestId ? ` (last RequestId ${requestId})` : '';
    super(`No customer record for space ${custSpaceId}: ListInstance has no row with that CustSpaceId${suffix}`);
    this.custSpaceId = custSpaceId;
    this.pages = pages;
    this.requestId = requestId;
  }
}

/** Why a verification failed. */
export type VerificationFailure = 'mismatch' | 'not-found' | 'unreadable';

/** What a verification error knows about the write that preceded it. */
export interface VerifiedWrite {
  custSpaceId: string;
  generation: UsedGeneration;
  /** RequestId of the accepted write (SubmitIsvCustomerTerms or UpdateInstance). */
  requestId: string;
  /** The uploaded object's key. */
  objectKey: string;
}

/** `verify: true`: the terms were written, but the record read back does not show them (or could not be read). */
export class TermsVerificationError extends Error {
  static {
    this.prototype.name = 'TermsVerificationError';
  }

  /** Always `CustomerTerms.VerificationFailed`. */
  readonly code = 'CustomerTerms.VerificationFailed';
  /** `mismatch` (fields differ), `not-found` (no record), `unreadable` (the read-back call failed; see cause). */
  readonly reason: VerificationFailure;
  /** The write that WAS accepted: do not resend it blindly. */
  readonly write: VerifiedWrite;
  /** The fields that differ (empty unless reason is `mismatch`). */
  readonly mismatches: readonly TermsMismatch[];

  constructor(reason: VerificationFailure, write: VerifiedWrite, mismatches: readonly TermsMismatch[], cause?: Error) {
    const what =
      reason === 'mismatch'
        ? `the record differs in ${mismatches.map((entry) => entry.field).join(', ')}`
        : reason === 'not-found'
          ? 'no record was found for the space'
          : `the record could not be read (${cause?.message ?? 'unknown error'})`;
    super(
      `Terms for space ${write.custSpaceId} were written (${write.generation}, RequestId ${write.requestId}) but ` +
        `verification failed: ${what}`,
      cause === undefined ? undefined : { cause },
    );
    this.reason = reason;
    this.write = write;
    this.mismatches = mismatches;
  }
}
