// The one error of this package: the input file (or the journal) cannot be used as a whole — unreadable, not
// UTF-8, not parseable, a required column missing, ids missing or repeated. Front ends treat it as bad input
// (the CLI exits 2). Problems of single rows are not errors but RowProblem values, so all of them can be listed.

/** Where and what: `row` is the 1-based data record (the header is not counted), `field` the row field. */
export interface InputIssue {
  /** 1-based data record number, when the issue is about one record. */
  row?: number | undefined;
  /** The row's id, when known. */
  id?: string | undefined;
  /** The column / field at fault, when there is one. */
  field?: string | undefined;
  /** What is wrong, in words. */
  message: string;
}

/** The input file or the journal cannot be used; `issues` says where and why. */
export class BatchInputError extends Error {
  override readonly name = 'BatchInputError';
  /** The file the problems are in. */
  readonly file: string;
  /** Every problem found (at least one). */
  readonly issues: readonly InputIssue[];

  constructor(file: string, issues: readonly InputIssue[]) {
    const first = issues[0];
    const where =
      first?.row !== undefined ? ` (row ${first.row}${first.id !== undefined ? `, id ${first.id}` : ''})` : '';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super(
      `${file}: ${first?.field !== undefined ? `${first.field}: ` : ''}${first?.message ?? 'unusable'}${where}${more}`,
    );
    this.file = file;
    this.issues = issues;
  }
}
