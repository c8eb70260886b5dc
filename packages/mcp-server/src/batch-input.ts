// Turns the batch tool's input (rows inline, or a CSV/YAML/JSON file inside an allowed directory) into the engine's
// validated rows. Every path goes through the same confinement as filePath: the customer file, and each row's
// termsFile (relative to the customer file's folder, or to the first allowed directory for inline rows), so a file
// in an allowed directory cannot make the server read a PDF from anywhere else.
import { dirname, join } from 'node:path';

import type { InputRow, RowProblem, ValidatedRow } from '@chatapp-isv/batch';
import type * as BatchModule from '@chatapp-isv/batch';
import { ValidationError } from '@chatapp-isv/core';

import { FileAccessError, type FileAccess } from './files.js';
import { batchJournalKey } from './job-journal.js';
import { normalizeCustSpaceId } from './tools/fields.js';

/** The engine's module, as far as reading and validating rows goes. */
export type RowsEngine = Pick<typeof BatchModule, 'readRows' | 'validateRows' | 'BatchInputError'>;

/** One inline row, as the tool receives it. */
export interface InlineRow {
  readonly id?: string | undefined;
  readonly custSpaceId: string | number;
  readonly custName: string;
  readonly officeAddress: string;
  readonly contactMail: string;
  readonly countryId: string;
  readonly businessDesc: string;
  readonly termsFile: string;
}

/** Rows ready to run, and the problems of the others. */
export interface BatchInput {
  /** What the rows came from, for the report: the customer file's path, or "inline rows". */
  readonly source: string;
  /** Names the batch's journal: the same file, or the same inline ids and spaces, is the same batch. */
  readonly journalKey: string;
  readonly valid: readonly ValidatedRow[];
  readonly problems: readonly RowProblem[];
}

function inlineRows(rows: readonly InlineRow[], problems: RowProblem[]): InputRow[] {
  const seen = new Map<string, number>();
  const out: InputRow[] = [];
  rows.forEach((raw, index) => {
    const row = index + 1;
    const id = raw.id ?? `row-${row}`;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ row, id, field: 'id', message: `duplicate id "${id}" (also row ${first})` });
      return;
    }
    seen.set(id, row);
    const space = normalizeCustSpaceId(raw.custSpaceId);
    if ('issue' in space) {
      problems.push({ row, id, field: 'custSpaceId', message: space.issue.message });
      return;
    }
    const { custName, officeAddress, contactMail, countryId, businessDesc, termsFile } = raw;
    const values = { custName, officeAddress, contactMail, countryId, businessDesc, termsFile };
    out.push({ row, id, values: { ...values, custSpaceId: space.value } });
  });
  return out;
}

/** Reads, confines and validates the rows; throws ValidationError/FileAccessError when the input is unusable whole. */
export async function readBatchInput(
  engine: RowsEngine,
  files: FileAccess,
  input: { rows?: readonly InlineRow[] | undefined; file?: string | undefined },
  maxFileBytes: number,
): Promise<BatchInput> {
  if ((input.rows === undefined) === (input.file === undefined)) {
    throw new ValidationError([{ field: 'rows', message: 'give either rows (inline) or file (a customer file)' }]);
  }
  const problems: RowProblem[] = [];
  let rows: InputRow[];
  let inputFile: string;
  let source: string;
  let journalKey: string;
  if (input.file !== undefined) {
    inputFile = await files.confine(input.file, 'file');
    source = inputFile;
    journalKey = batchJournalKey({ file: inputFile });
    try {
      rows = [...(await engine.readRows(inputFile)).rows];
    } catch (error) {
      if (!(error instanceof engine.BatchInputError)) throw error;
      throw new ValidationError(
        error.issues.map((issue) => ({
          field: issue.field ?? 'file',
          message: `${issue.row !== undefined ? `row ${issue.row}: ` : ''}${issue.message}`,
        })),
      );
    }
  } else {
    if (files.roots.length === 0) await files.confine('x', 'termsFile'); // throws FileAccessDisabled
    inputFile = join(files.roots[0] as string, 'inline-rows');
    source = 'inline rows';
    rows = inlineRows(input.rows ?? [], problems);
    const ids = (input.rows ?? []).map((raw, index) => ({
      id: raw.id ?? `row-${index + 1}`,
      custSpaceId: String(raw.custSpaceId).trim(),
    }));
    journalKey = batchJournalKey({ rows: ids });
  }
  // Confine each PDF first; the engine then reads only canonical paths inside the allowed directories.
  const base = dirname(inputFile);
  const confined: InputRow[] = [];
  for (const row of rows) {
    const termsFile = row.values.termsFile;
    if (termsFile === undefined || termsFile.trim() === '') {
      problems.push({ row: row.row, id: row.id, field: 'termsFile', message: 'is required' });
      continue;
    }
    try {
      const real = await files.confine(termsFile.trim(), 'termsFile', base);
      confined.push({ ...row, values: { ...row.values, termsFile: real } });
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      problems.push({ row: row.row, id: row.id, field: 'termsFile', message: `${error.code}: ${error.message}` });
    }
  }
  const validation = await engine.validateRows(confined, { inputFile, maxFileBytes });
  const all = [...problems, ...validation.problems].sort((a, b) => a.row - b.row);
  return { source, journalKey, valid: validation.valid, problems: all };
}
