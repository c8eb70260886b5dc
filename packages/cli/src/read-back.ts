// Read-back for the engine, from core when core has it. core's read-back (`readCustomerTerms`) is being added in
// parallel; it is detected at run time, so this CLI works with a core that lacks it (rows with an unknown outcome
// are then listed and left alone, and `status` says read-back is not available).
import type { ReadBack, RecordOnFile } from '@chatapp-isv/batch';
import type { IsvTermsClient } from '@chatapp-isv/core';

type ReadCustomerTerms = (input: { custSpaceId: string }) => Promise<unknown>;

/** core's read-back method, if this core has one. */
export function readCustomerTermsOf(client: IsvTermsClient): ReadCustomerTerms | undefined {
  const read = (client as unknown as { readCustomerTerms?: unknown }).readCustomerTerms;
  return typeof read === 'function' ? (read.bind(client) as ReadCustomerTerms) : undefined;
}

/** True for core's "no record for this space" answer (an error whose code or name says not found). */
export function isNotFound(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return /notfound|not_found/i.test(`${String(code ?? '')} ${String(name ?? '')}`);
}

/** The engine's ReadBack over core's read-back, or undefined when core cannot read back. */
export function readBackFor(client: IsvTermsClient): ReadBack | undefined {
  const read = readCustomerTermsOf(client);
  if (read === undefined) return undefined;
  return async (custSpaceId) => {
    let record: unknown;
    try {
      record = await read({ custSpaceId });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (record === undefined || record === null) return undefined;
    const found = (record as { record?: unknown }).record ?? record;
    return found as RecordOnFile;
  };
}
