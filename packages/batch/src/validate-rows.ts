// Checks every row offline with core's own rules (the six company fields) and core's own file check (a plain
// `.pdf` name, the `%PDF-` header, the size limit), and computes each row's fingerprint: the SHA-256 of its
// normalized fields and of its PDF's SHA-256. The journal stores the fingerprint, so a row edited between runs —
// a field or the PDF — is recognized as changed and re-done instead of skipped. Nothing here touches the network.
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  DEFAULT_MAX_FILE_BYTES,
  readTermsFile,
  validateCompanyDetails,
  ValidationError,
  type CompanyDetails,
  type ValidationIssue,
} from '@chatapp-isv/core';
import type { InputRow } from './read-rows.js';

/** A row that passed every check. */
export interface ValidatedRow {
  /** 1-based data record number in the input file. */
  readonly row: number;
  /** The row's id. */
  readonly id: string;
  /** The six company fields, trimmed and normalized as they will be sent. */
  readonly details: CompanyDetails;
  /** Absolute path of the agreement PDF. */
  readonly termsPath: string;
  /** The PDF's base name, the future IsvTerms. */
  readonly fileName: string;
  /** Hex SHA-256 of the PDF. */
  readonly sha256: string;
  /** Size of the PDF in bytes. */
  readonly size: number;
  /** Hex SHA-256 over the normalized fields and the PDF's hash: a row's version. */
  readonly fingerprint: string;
}

/** One problem with one row. */
export interface RowProblem {
  /** 1-based data record number. */
  readonly row: number;
  /** The row's id. */
  readonly id: string;
  /** The field at fault (`termsFile` for the PDF, `fileName` for its name). */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
}

/** Options of validateRows. */
export interface ValidateRowsOptions {
  /** The input file; relative `termsFile` paths are resolved against its folder unless `filesDir` is given. */
  inputFile: string;
  /** Folder that relative `termsFile` paths are resolved against instead. */
  filesDir?: string | undefined;
  /** Largest PDF in bytes (default core's 2 MiB). */
  maxFileBytes?: number | undefined;
  /** How many PDFs are read at once (default 8). */
  parallel?: number | undefined;
}

/** Result of validateRows: the good rows and every problem of the others. */
export interface ValidateRowsResult {
  readonly valid: readonly ValidatedRow[];
  readonly problems: readonly RowProblem[];
  /** How many rows were checked. */
  readonly total: number;
}

/** The fingerprint of a row version: what was sent and which bytes. */
export function rowFingerprint(details: CompanyDetails, fileName: string, sha256: string): string {
  const parts = [
    details.custSpaceId,
    details.custName,
    details.officeAddress,
    details.contactMail,
    details.countryId,
    details.businessDesc,
    fileName,
    sha256,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

function issuesOf(error: unknown): readonly ValidationIssue[] {
  if (error instanceof ValidationError) return error.issues;
  throw error;
}

async function validateOne(
  input: InputRow,
  baseDir: string,
  maxBytes: number,
): Promise<{ row?: ValidatedRow; problems: RowProblem[] }> {
  const problems: RowProblem[] = [];
  const add = (issue: ValidationIssue) =>
    problems.push({ row: input.row, id: input.id, field: issue.field, message: issue.message });

  let details: CompanyDetails | undefined;
  try {
    details = validateCompanyDetails(input.values);
  } catch (error) {
    issuesOf(error).forEach(add);
  }

  const rawPath = input.values.termsFile?.trim() ?? '';
  let file: Awaited<ReturnType<typeof readTermsFile>> | undefined;
  let termsPath = '';
  if (rawPath === '') add({ field: 'termsFile', message: 'is required (the path of the signed agreement PDF)' });
  else {
    termsPath = isAbsolute(rawPath) ? rawPath : resolve(baseDir, rawPath);
    try {
      file = await readTermsFile(termsPath, { maxBytes, field: 'termsFile' });
    } catch (error) {
      issuesOf(error).forEach(add);
    }
  }
  if (details === undefined || file === undefined || problems.length > 0) return { problems };
  return {
    problems,
    row: {
      row: input.row,
      id: input.id,
      details,
      termsPath,
      fileName: file.fileName,
      sha256: file.sha256,
      size: file.size,
      fingerprint: rowFingerprint(details, file.fileName, file.sha256),
    },
  };
}

/**
 * Validates every row (fields and PDF) and returns the good rows with their fingerprints plus every problem.
 * Two rows naming the same custSpaceId are a problem too: the second would silently replace the first's terms.
 */
export async function validateRows(
  rows: readonly InputRow[],
  options: ValidateRowsOptions,
): Promise<ValidateRowsResult> {
  const baseDir = resolve(options.filesDir ?? dirname(options.inputFile));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const parallel = Math.max(1, options.parallel ?? 8);
  const results: { row?: ValidatedRow; problems: RowProblem[] }[] = new Array(rows.length);
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const index = next++;
      results[index] = await validateOne(rows[index] as InputRow, baseDir, maxBytes);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, rows.length) }, worker));

  const valid: ValidatedRow[] = [];
  const problems: RowProblem[] = [];
  const spaceOwner = new Map<string, InputRow>();
  rows.forEach((input, index) => {
    const result = results[index] as { row?: ValidatedRow; problems: RowProblem[] };
    problems.push(...result.problems);
    const space = result.row?.details.custSpaceId ?? input.values.custSpaceId?.trim();
    const owner = space === undefined || space === '' ? undefined : spaceOwner.get(space);
    if (owner !== undefined) {
      problems.push({
        row: input.row,
        id: input.id,
        field: 'custSpaceId',
        message: `space ${space} is also in row ${owner.row} (id ${owner.id}); one row per space`,
      });
      return;
    }
    if (space !== undefined && space !== '') spaceOwner.set(space, input);
    if (result.row !== undefined) valid.push(result.row);
  });
  return { valid, problems, total: rows.length };
}
