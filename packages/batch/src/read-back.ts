// Read-back: what is on record for a space, as the engine needs it to settle rows whose submit outcome is unknown.
// The engine takes a function rather than calling core itself, so it works with any core that can read back (the
// front end passes `readBackFor(client)`, core's `readCustomerTerms` adapted to this shape) and degrades to "hold"
// where none can. `readBackFor` lives here so that every front end settles unknown rows the same way.
import { CustomerTermsNotFoundError, type IsvTermsClient } from '@chatapp-isv/core';

import type { ValidatedRow } from './validate-rows.js';

/** The terms on record for a space (fields absent when the service does not report them). */
export interface RecordOnFile {
  readonly custName?: string | undefined;
  readonly officeAddress?: string | undefined;
  readonly contactMail?: string | undefined;
  readonly countryId?: string | undefined;
  readonly businessDesc?: string | undefined;
  readonly isvTerms?: string | undefined;
  /** `State`, e.g. `published`, when the service reports one. */
  readonly state?: string | undefined;
  /** The agreement's file name when `isvTerms` is a URL (the *Instance generation); compared instead of it. */
  readonly termsFileName?: string | undefined;
}

/** Reads the record of a space; resolves undefined when there is none. Throws when it cannot tell. */
export type ReadBack = (custSpaceId: string) => Promise<RecordOnFile | undefined>;

/**
 * True when the record shows exactly this row version: every company field it reports equals the row's, and the
 * file name is the row's (the record holds no hash; a changed PDF under the same name is a changed fingerprint and
 * is planned as a new onboarding, never read back).
 */
export function recordMatches(record: RecordOnFile | undefined, row: ValidatedRow): boolean {
  const fileName = record?.termsFileName ?? record?.isvTerms;
  if (record === undefined || fileName === undefined) return false;
  const same = (onFile: string | undefined, sent: string) => onFile === undefined || onFile.trim() === sent;
  const { details } = row;
  return (
    fileName.trim() === row.fileName &&
    same(record.custName, details.custName) &&
    same(record.officeAddress, details.officeAddress) &&
    same(record.contactMail, details.contactMail) &&
    same(record.countryId?.toUpperCase(), details.countryId) &&
    same(record.businessDesc, details.businessDesc)
  );
}

/**
 * The engine's ReadBack over core's `readCustomerTerms` (ListInstance matched on CustSpaceId). "No record for this
 * space" is an answer (undefined), not a failure; any other error means the outcome cannot be told, and the engine
 * keeps the row `unknown`.
 */
export function readBackFor(client: Pick<IsvTermsClient, 'readCustomerTerms'>): ReadBack {
  return async (custSpaceId) => {
    try {
      return await client.readCustomerTerms({ custSpaceId });
    } catch (error) {
      if (error instanceof CustomerTermsNotFoundError) return undefined;
      // A core loaded twice (another copy of the package) has its own class: its code still says so.
      if ((error as { code?: unknown } | null)?.code === 'CustomerTerms.NotFound') return undefined;
      throw error;
    }
  };
}
