// `chatapp-isv validate <file> [--files DIR]`: every row and every PDF checked offline; a table of problems by
// row and field. Exit 0 when all rows are valid, 1 when some are not, 2 when the file is unusable as a whole.
import { parseArgs } from 'node:util';
import { readRows, validateRows } from '@chatapp-isv/batch';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { problemTable } from '../problems.js';
import { UsageError } from '../usage-error.js';

export const VALIDATE_HELP = `Usage: chatapp-isv validate <customers.csv|.yaml|.json> [--files DIR] [--json]

Checks every row and every agreement PDF offline (nothing is sent) and prints the problems by row and field.

Options:
  --files <dir>     folder that relative termsFile paths are resolved against (default: the file's folder)
  --json            print {"total","valid","problems":[...]} instead of a table
  --help            this text

Exit codes: 0 all rows valid, 1 some rows invalid, 2 the file itself is unusable (missing column, duplicate id, ...).

Example:
  chatapp-isv validate customers.csv --files ./signed-pdfs`;

/** Runs `validate`. */
export async function validateCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { files: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 1) throw new UsageError('validate needs exactly one customer file');
  const file = positionals[0] as string;
  const { rows, mapping } = await readRows(file);
  const result = await validateRows(rows, { inputFile: file, filesDir: values.files });
  if (values.json === true) {
    const { total, valid, problems } = result;
    process.stdout.write(
      `${JSON.stringify({ total, valid: valid.length, problems, ignoredColumns: mapping.ignored })}\n`,
    );
  } else {
    if (mapping.ignored.length > 0) process.stderr.write(`note: ignoring columns ${mapping.ignored.join(', ')}\n`);
    if (result.problems.length > 0) process.stdout.write(`${problemTable(result.problems)}\n`);
    const invalid = result.total - result.valid.length;
    process.stdout.write(
      `${result.total} rows: ${result.valid.length} valid, ${invalid} invalid (${result.problems.length} problems)\n`,
    );
  }
  return result.problems.length > 0 ? EXIT_FAILED : rows.length > 0 ? EXIT_OK : EXIT_USAGE;
}
