// `read`: what `pulumi refresh` and `pulumi import` see, through core's readCustomerTerms (ListInstance). Refresh
// replaces the recorded company fields and terms name with what is on record, so an out-of-band change shows as drift
// and the next `pulumi up` submits the declared terms again; import adopts a record as a new resource. When the
// record cannot be read (no record, permission denied, any failure), refresh keeps the recorded state and warns: a
// resource is never dropped from the state because a read failed. Import, which has no state to keep, fails clearly.
import type { IsvCustomerTermsOutputs, TermsReadResult } from './types.js';

/** The company fields a record carries, in the provider's names (custSpaceId is the resource ID). */
const RECORD_FIELDS = ['custName', 'officeAddress', 'contactMail', 'countryId', 'businessDesc'] as const;

/** A customer's record as core's readCustomerTerms returns it (the fields the provider uses). */
export interface CustomerRecord {
  custName?: string | undefined;
  officeAddress?: string | undefined;
  contactMail?: string | undefined;
  countryId?: string | undefined;
  businessDesc?: string | undefined;
  /** The agreement's file name on record (the last path segment when IsvTerms is a URL). */
  termsFileName?: string | undefined;
  /** When the record was last submitted, as the service reports it. */
  submitTime?: string | undefined;
}

/** The read call (core's IsvTermsClient has it). */
export interface ReadableClient {
  readCustomerTerms(input: { custSpaceId: string }): Promise<CustomerRecord>;
}

/** What read returns, plus a warning to show. */
export interface ReadOutcome {
  result: TermsReadResult;
  warning?: string;
}

interface ReadDeps {
  client: () => ReadableClient;
  explain: (error: unknown) => unknown;
}

function messageOf(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown })?.code === 'CustomerTerms.NotFound';
}

/** The inputs (company fields) a record corresponds to; the terms file itself stays with the user. */
function inputsOf(id: string, record: CustomerRecord): Record<string, unknown> {
  const inputs: Record<string, unknown> = { custSpaceId: id };
  for (const field of RECORD_FIELDS) if (record[field] !== undefined) inputs[field] = record[field];
  return inputs;
}

function keep(id: string, recorded: Partial<IsvCustomerTermsOutputs>, why: string): ReadOutcome {
  return {
    result: { id, props: { ...recorded } },
    warning: `IsvCustomerTerms ${id}: ${why}; keeping the recorded state unchanged`,
  };
}

/** Reads one resource back; `props` are the recorded outputs (refresh) or empty (import). */
export async function readBack(
  id: string,
  props: Partial<IsvCustomerTermsOutputs> | undefined,
  deps: ReadDeps,
): Promise<ReadOutcome> {
  const recorded = props !== undefined && typeof props.requestId === 'string' ? props : undefined;
  let record: CustomerRecord;
  try {
    record = await deps.client().readCustomerTerms({ custSpaceId: id });
  } catch (error) {
    const reason = isNotFound(error) ? 'no record of this space is on file' : messageOf(deps.explain(error));
    if (recorded === undefined) throw new Error(`IsvCustomerTerms ${id}: cannot import: ${reason}`, { cause: error });
    return keep(id, recorded, `cannot read the record back (${reason})`);
  }

  if (record.termsFileName === undefined) {
    // A space's record exists before any terms are submitted for it: there is nothing to adopt or compare.
    const reason = 'the record of this space shows no submitted terms';
    if (recorded === undefined) throw new Error(`IsvCustomerTerms ${id}: cannot import: ${reason}`);
    return keep(id, recorded, `cannot read the terms back (${reason})`);
  }

  const onRecord = inputsOf(id, record);
  if (recorded === undefined) {
    // Import: the record becomes the state. The PDF's content on record is unknown (no hash), so the first `up` with
    // a termsFile uploads and submits the declared file once.
    const adopted: Record<string, unknown> = {
      ...onRecord,
      isvTerms: record.termsFileName,
      objectKey: '',
      termsSha256: '',
      termsSize: 0,
      requestId: '',
      submittedAt: record.submitTime ?? '',
    };
    return {
      result: { id, props: adopted, inputs: { ...onRecord } },
      warning:
        `IsvCustomerTerms ${id}: imported from the record on file; add termsFile (the signed PDF) to the program. ` +
        'The first `pulumi up` with it uploads and submits that file once, since the content on record is unknown.',
    };
  }
  const refreshed: Record<string, unknown> = { ...recorded, ...onRecord };
  // Another file name on record: the file was changed out of band. The recorded upload facts no longer describe it,
  // so they are cleared, and the next `up` uploads and submits the declared file again.
  if (record.termsFileName !== recorded.isvTerms) {
    Object.assign(refreshed, { isvTerms: record.termsFileName, termsSha256: '', objectKey: '' });
  }
  return { result: { id, props: refreshed } };
}
