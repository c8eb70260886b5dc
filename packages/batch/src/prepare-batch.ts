// Everything before the first network call, in the order a front end needs it: read the file, validate every row
// and PDF, read the journal, plan. Front ends decide what to do with problems (the CLI refuses to send anything
// when a row is invalid unless told to skip invalid rows); nothing here sends or writes.
import { resolve } from 'node:path';
import { readJournal, type JournalState } from './journal.js';
import { planBatch, type PlannedRow } from './plan.js';
import { readRows, type ReadRowsResult, type RowFormat } from './read-rows.js';
import { validateRows, type ValidateRowsResult } from './validate-rows.js';

/** Options of prepareBatch. */
export interface PrepareBatchOptions {
  /** The customer file (CSV, YAML or JSON). */
  file: string;
  /** Its format, if the extension does not say. */
  format?: RowFormat | undefined;
  /**
   * Folder relative `termsFile` paths are resolved against.
   * @default the customer file's folder
   */
  filesDir?: string | undefined;
  /** The journal to plan against; omitted: plan as if nothing was done yet. */
  journalPath?: string | undefined;
  /** Whether read-back will be available to runBatch (rows with an unknown outcome are then read back). */
  readBack?: boolean | undefined;
  /** Resubmit rows with an unknown outcome when they cannot be read back. */
  resubmitUnknown?: boolean | undefined;
  /**
   * Largest PDF in bytes.
   * @default 2097152 (core's 2 MiB)
   */
  maxFileBytes?: number | undefined;
}

/** What prepareBatch found. */
export interface PreparedBatch {
  readonly input: ReadRowsResult;
  readonly validation: ValidateRowsResult;
  readonly journal: JournalState;
  /** The plan for the valid rows. */
  readonly plan: readonly PlannedRow[];
}

/** The default journal path for a customer file: next to it, `<file>.journal.jsonl`. */
export function defaultJournalPath(file: string): string {
  return `${resolve(file)}.journal.jsonl`;
}

/**
 * Reads, validates and plans; sends and writes nothing. Invalid rows are listed in `validation.problems` (each
 * naming its row, id and field) and left out of the plan.
 *
 * @example
 * ```ts
 * import { buildReport, openJournal, prepareBatch, runBatch } from '@chatapp-isv/batch';
 * import { createIsvTermsClient } from '@chatapp-isv/core';
 *
 * const client = createIsvTermsClient();
 * const journalPath = 'customers.csv.journal.jsonl';
 * const { validation, plan } = await prepareBatch({ file: 'customers.csv', journalPath });
 * if (validation.problems.length > 0) throw new Error(`${validation.problems.length} invalid rows`);
 * const journal = await openJournal(journalPath);
 * try {
 *   const { results, summary } = await runBatch({ client, plan, journal, hintNames: { endpoint: '--endpoint' } });
 *   console.log(summary.submitted, buildReport(results).filter((row) => row.errorHint !== ''));
 * } finally {
 *   await journal.close();
 * }
 * ```
 * @throws BatchInputError when the customer file (or the journal) is unusable as a whole: missing, unparsable,
 *   missing columns or ids; its `issues` say where
 */
export async function prepareBatch(options: PrepareBatchOptions): Promise<PreparedBatch> {
  const input = await readRows(options.file, { format: options.format });
  const validation = await validateRows(input.rows, {
    inputFile: options.file,
    filesDir: options.filesDir,
    maxFileBytes: options.maxFileBytes,
  });
  const journal =
    options.journalPath === undefined
      ? { rows: new Map(), skippedLines: 0, exists: false }
      : await readJournal(options.journalPath);
  const plan = planBatch(validation.valid, journal, {
    readBack: options.readBack === true,
    resubmitUnknown: options.resubmitUnknown,
  });
  return { input, validation, journal, plan };
}
