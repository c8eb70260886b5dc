// `chatapp-isv status <custSpaceId…|file>`: what is on record for each space, read back through core's
// readCustomerTerms (ListInstance), as a table. Given a customer file, it also shows what the file's journal says
// per row. A space with no record shows `none`; a read-back that fails shows its code and makes the exit 1.
import { parseArgs } from 'node:util';
import { defaultJournalPath, formatForPath, readBackFor, readJournal, readRows } from '@chatapp-isv/batch';
import { clientFromFlags, CONNECTION_HELP, CONNECTION_OPTIONS } from '../common-options.js';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';

export const STATUS_HELP = `Usage: chatapp-isv status <custSpaceId...|customers.csv|.yaml|.json> [--journal PATH] [--json]

Shows what is on record for each space (read back from ChatApp), and for a customer file also what its journal
says about each row (submitted, failed, unknown, ...).

Options:
  --journal <path>     the file's journal (default <file>.journal.jsonl)
  --json               print one JSON object per space or row
  --help               this text
${CONNECTION_HELP}

Exit codes: 0 shown, 1 a read-back failed, 2 bad input.

Examples:
  chatapp-isv status 293483938849493 293483938849494
  chatapp-isv status customers.csv`;

interface StatusLine {
  id?: string | undefined;
  custSpaceId: string;
  journal?: string | undefined;
  requestId?: string | undefined;
  onRecord: string;
  isvTerms?: string | undefined;
  custName?: string | undefined;
}

function printTable(lines: readonly StatusLine[], withJournal: boolean): void {
  const header = withJournal
    ? ['ID', 'SPACE', 'JOURNAL', 'REQUEST ID', 'ON RECORD', 'ISV TERMS']
    : ['SPACE', 'ON RECORD', 'ISV TERMS', 'NAME'];
  const rows = lines.map((line) =>
    withJournal
      ? [line.id ?? '', line.custSpaceId, line.journal ?? '-', line.requestId ?? '', line.onRecord, line.isvTerms ?? '']
      : [line.custSpaceId, line.onRecord, line.isvTerms ?? '', line.custName ?? ''],
  );
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  for (const row of table) {
    process.stdout.write(
      `${row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()}\n`,
    );
  }
}

/** Runs `status`. */
export async function statusCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { ...CONNECTION_OPTIONS, journal: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length === 0) throw new UsageError('status needs space IDs or a customer file');
  const fromFile = positionals.length === 1 && formatForPath(positionals[0] as string) !== undefined;
  const client = clientFromFlags(values);
  const readBack = readBackFor(client);

  const lines: StatusLine[] = [];
  if (fromFile) {
    const file = positionals[0] as string;
    const { rows } = await readRows(file);
    const journal = await readJournal(values.journal ?? defaultJournalPath(file));
    for (const row of rows) {
      const last = journal.rows.get(row.id)?.last;
      lines.push({
        id: row.id,
        custSpaceId: row.values.custSpaceId?.trim() ?? '',
        journal: last?.state,
        requestId: last?.state === 'submitted' ? last.requestId : undefined,
        onRecord: '',
      });
    }
  } else {
    for (const space of positionals) lines.push({ custSpaceId: space, onRecord: '' });
  }
  let failures = 0;
  for (const line of lines) {
    try {
      const record = await readBack(line.custSpaceId);
      line.onRecord = record === undefined ? 'none' : (record.state ?? 'yes');
      line.isvTerms = record?.termsFileName ?? record?.isvTerms;
      line.custName = record?.custName;
    } catch (error) {
      failures += 1;
      const { code } = error as { code?: unknown };
      line.onRecord = `error ${typeof code === 'string' ? code : (error as Error).name}`;
    }
  }
  if (values.json === true) for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
  else printTable(lines, fromFile);
  return failures > 0 ? EXIT_FAILED : EXIT_OK;
}
