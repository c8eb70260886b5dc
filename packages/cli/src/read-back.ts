// Read-back for the engine, from core's `readCustomerTerms` (ListInstance matched on CustSpaceId). "No record for
// this space" is an answer (undefined), not a failure; any other error means the outcome cannot be told, and the
// engine keeps the row `unknown`.
import type { ReadBack } from '@chatapp-isv/batch';
import { CustomerTermsNotFoundError, type IsvTermsClient } from '@chatapp-isv/core';

/** The engine's ReadBack over core's read-back. */
export function readBackFor(client: IsvTermsClient): ReadBack {
  return async (custSpaceId) => {
    try {
      return await client.readCustomerTerms({ custSpaceId });
    } catch (error) {
      if (error instanceof CustomerTermsNotFoundError) return undefined;
      if ((error as { code?: unknown } | null)?.code === 'CustomerTerms.NotFound') return undefined;
      throw error;
    }
  };
}
