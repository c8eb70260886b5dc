// The record of SubmitIsvCustomerTerms calls. Re-submitting a space adds a new version; nothing is overwritten.
import type { Submission } from '../types.js';

/** Append-only submission history. */
export interface SubmissionLog {
  /** Appends a submission, assigning the next version of its space. */
  add(entry: Omit<Submission, 'version'>): Submission;
  /** Every submission, oldest first (copies). */
  list(): Submission[];
}

/** Creates an empty log. */
export function createSubmissionLog(): SubmissionLog {
  const entries: Submission[] = [];
  const versions = new Map<string, number>();
  return {
    add(entry) {
      const version = (versions.get(entry.custSpaceId) ?? 0) + 1;
      versions.set(entry.custSpaceId, version);
      const submission: Submission = { ...entry, version };
      entries.push(submission);
      return { ...submission };
    },
    list: () => entries.map((e) => ({ ...e })),
  };
}
