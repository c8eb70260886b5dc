// The per-row report as flat records with fixed columns, for CSV or JSON. Invalid rows (when a run went ahead
// without them) appear with status `invalid` and their problems, so the report always covers the whole file. A
// failed row carries core's hint for its error class (errorHint), so the reader knows what to fix.
import type { RowResult } from './events.js';
import type { RowProblem } from './validate-rows.js';

/** The report's columns, in order. */
export const REPORT_COLUMNS = [
  'id',
  'custSpaceId',
  'status',
  'isvTerms',
  'sha256',
  'requestId',
  'errorCode',
  'errorMessage',
  'errorHint',
] as const;

/** One report line; absent values are empty strings so every line has every column. */
export type ReportRow = Record<(typeof REPORT_COLUMNS)[number], string>;

/** Builds the report: results in their order, then invalid rows (grouped per row). */
export function buildReport(results: readonly RowResult[], problems: readonly RowProblem[] = []): ReportRow[] {
  const lines: ReportRow[] = results.map((result) => ({
    id: result.id,
    custSpaceId: result.custSpaceId,
    status: result.confirmedBy === 'read-back' ? 'submitted (confirmed by read-back)' : result.status,
    isvTerms: result.isvTerms ?? '',
    sha256: result.sha256,
    requestId: result.requestId ?? '',
    errorCode: result.code ?? '',
    errorMessage: result.message ?? '',
    errorHint: result.hint ?? '',
  }));
  const invalid = new Map<string, RowProblem[]>();
  for (const problem of problems) invalid.set(problem.id, [...(invalid.get(problem.id) ?? []), problem]);
  for (const [id, list] of invalid) {
    lines.push({
      id,
      custSpaceId: '',
      status: 'invalid',
      isvTerms: '',
      sha256: '',
      requestId: '',
      errorCode: 'ValidationError',
      errorMessage: list.map((problem) => `${problem.field}: ${problem.message}`).join('; '),
      errorHint: '',
    });
  }
  return lines;
}
