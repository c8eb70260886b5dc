// `read`: what `pulumi refresh` and `pulumi import` see. When the client can read a customer's record back
// (core's readCustomerTerms), refresh replaces the recorded company fields and terms name with what is on record, so
// an out-of-band change shows as drift and the next `pulumi up` submits the declared terms again; import adopts a
// record as a new resource. When the record cannot be read (no record, permission denied, any failure), refresh keeps
// the recorded state and warns: a resource is never dropped from the state because a read failed.
import type { CustomerRecord, IsvCustomerTermsOutputs, TermsReadResult } from './types.js';
import { COMPANY_FIELDS } from './types.js';

/** The read call, when the client has it (core with read-back). */
export interface ReadableClient {
  readCustomerTerms?: (input: { custSpaceId: string }) => Promise<CustomerRecord | undefined>;
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

const IMPORT_UNSUPPORTED =
  'pulumi import is not supported by this version: it needs read-back (readCustomerTerms), which the installed ' +
  '@chatapp-isv/core does not have';

function messageOf(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

/** The inputs (company fields + terms name) a record corresponds to; the file itself stays local to the user. */
function inputsOf(id: string, record: CustomerRecord): Record<string, unknown> {
  const inputs: Record<string, unknown> = { custSpaceId: id };
  for (const field of COMPANY_FIELDS)
    if (field !== 'custSpaceId' && record[field] !== undefined) inputs[field] = record[field];
  return inputs;
}

/** Reads one resource back; `props` are the recorded outputs (refresh) or empty (import). */
export async function readBack(
  id: string,
  props: Partial<IsvCustomerTermsOutputs> | undefined,
  deps: ReadDeps,
): Promise<ReadOutcome> {
  const recorded = props !== undefined && typeof props.requestId === 'string' ? props : undefined;
  let client: ReadableClient;
  try {
    client = deps.client();
  } catch (error) {
    if (recorded === undefined) throw deps.explain(error);
    return keep(id, recorded, `cannot read the record back (${messageOf(deps.explain(error))})`);
  }
  if (typeof client.readCustomerTerms !== 'function') {
    if (recorded === undefined) throw new Error(`IsvCustomerTerms ${id}: ${IMPORT_UNSUPPORTED}`);
    // No read-back in this core: the recorded state is the truth and refresh is a no-op.
    return { result: { id, props: { ...recorded } } };
  }

  let record: CustomerRecord | undefined;
  try {
    record = await client.readCustomerTerms({ custSpaceId: id });
  } catch (error) {
    const reason = messageOf(deps.explain(error));
    if (recorded === undefined) throw new Error(`IsvCustomerTerms ${id}: cannot import: ${reason}`, { cause: error });
    return keep(id, recorded, `cannot read the record back (${reason})`);
  }
  if (record === undefined) {
    if (recorded === undefined)
      throw new Error(`IsvCustomerTerms ${id}: cannot import: no record of space ${id} is on file`);
    return keep(id, recorded, 'no record of this space is on file');
  }

  const onRecord = inputsOf(id, record);
  if (recorded === undefined) {
    // Import: the record becomes the state. The terms file stays with the user: the imported state names the file
    // on record (isvTerms) but has no content hash, so the first `pulumi up` with a termsFile submits once more.
    const adopted: Record<string, unknown> = {
      ...onRecord,
      isvTerms: record.isvTerms ?? '',
      objectKey: '',
      termsSha256: '',
      termsSize: 0,
      requestId: '',
      submittedAt: record.submitTime ?? '',
    };
    return { result: { id, props: adopted, inputs: { ...onRecord } } };
  }
  const refreshed: Record<string, unknown> = { ...recorded, ...onRecord };
  // A different file name on record means the file was changed out of band: the recorded upload facts no longer
  // describe it, so they are cleared and the next `up` uploads and submits the declared file again.
  if (record.isvTerms !== undefined && record.isvTerms !== recorded.isvTerms) {
    Object.assign(refreshed, { isvTerms: record.isvTerms, termsSha256: '', objectKey: '' });
  }
  return { result: { id, props: refreshed } };
}

function keep(id: string, recorded: Partial<IsvCustomerTermsOutputs>, why: string): ReadOutcome {
  return {
    result: { id, props: { ...recorded } },
    warning: `IsvCustomerTerms ${id}: ${why}; keeping the recorded state unchanged`,
  };
}
