// Prints input problems as a table by row and field, one line each, so a 500-row file with 3 typos shows 3 lines.
import type { BatchInputError, RowProblem } from '@chatapp-isv/batch';

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The row problems as a table (header included). */
export function problemTable(problems: readonly RowProblem[]): string {
  return table([
    ['ROW', 'ID', 'FIELD', 'PROBLEM'],
    ...problems.map((problem) => [
      String(problem.row),
      problem.id,
      problem.field,
      problem.message.replace(/\s+/g, ' '),
    ]),
  ]);
}

/** A whole-file error: the file, then each issue on its own line. */
export function inputErrorText(error: BatchInputError): string {
  const lines = error.issues.map((issue) => {
    const where = [
      issue.row !== undefined ? `row ${issue.row}` : undefined,
      issue.id !== undefined ? `id ${issue.id}` : undefined,
      issue.field,
    ].filter((part) => part !== undefined);
    return `  ${where.length > 0 ? `${where.join(', ')}: ` : ''}${issue.message}`;
  });
  return `${error.file}:\n${lines.join('\n')}`;
}
