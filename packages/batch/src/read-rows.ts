// Reads customer rows from a CSV, YAML or JSON file into plain string records keyed by field. Parsing is done by
// csv-parse (RFC 4180: quoted commas, quoted newlines, CRLF, a UTF-8 BOM) and yaml (failsafe schema, so `NO`,
// `0123` or `1e5` stay the strings the user typed). Anything that makes the file unusable as a whole — unreadable,
// not UTF-8, unparseable, a required column missing, an id missing or repeated — is one BatchInputError that lists
// every problem; the content of single fields is judged later by validateRows.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import { mapColumns, ROW_FIELDS, type ColumnMapping, type RowField } from './columns.js';
import { BatchInputError, type InputIssue } from './errors.js';

/** Input formats. */
export type RowFormat = 'csv' | 'yaml' | 'json';

/** One customer as read from the file: every field as text, or undefined when the cell is absent. */
export interface InputRow {
  /** 1-based data record number (the CSV header is not counted). */
  readonly row: number;
  /** The row's id: unique in the file, the identity of the row in the journal. */
  readonly id: string;
  /** Field values as written (not yet trimmed or checked), `id` excluded. */
  readonly values: Readonly<Partial<Record<Exclude<RowField, 'id'>, string>>>;
}

/** What readRows found. */
export interface ReadRowsResult {
  /** The file that was read. */
  readonly file: string;
  /** Its format. */
  readonly format: RowFormat;
  /** The rows, in file order. */
  readonly rows: readonly InputRow[];
  /** How the columns mapped to fields (ignored columns are worth a warning). */
  readonly mapping: ColumnMapping;
}

/** Options of readRows. */
export interface ReadRowsOptions {
  /** Format; by default from the extension (`.csv`, `.yaml`/`.yml`, `.json`). */
  format?: RowFormat | undefined;
}

/** The format an extension implies, or undefined. */
export function formatForPath(path: string): RowFormat | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  return undefined;
}

async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : `cannot be read (${code})`;
    throw new BatchInputError(file, [{ message: reason }]);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new BatchInputError(file, [{ message: 'is UTF-16 text; save it as UTF-8 (with or without a BOM)' }]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new BatchInputError(file, [{ message: 'is not UTF-8 text; save it as UTF-8 (with or without a BOM)' }]);
  }
}

/** Records as header → cell text, from CSV. */
function csvRecords(file: string, text: string): { headers: string[]; records: Record<string, string>[] } {
  let table: string[][];
  try {
    // The BOM is already gone (TextDecoder strips it); `bom` stays on in case of a doubled one.
    table = parseCsv(text, { bom: true, skip_empty_lines: true, skip_records_with_empty_values: true }) as string[][];
  } catch (error) {
    throw new BatchInputError(file, [{ message: `is not valid CSV: ${(error as Error).message}` }]);
  }
  const [header, ...body] = table;
  if (header === undefined) throw new BatchInputError(file, [{ message: 'is empty: expected a header line and rows' }]);
  const headers = header.map((cell) => cell.trim());
  return {
    headers,
    records: body.map((cells) => Object.fromEntries(headers.map((name, index) => [name, cells[index] ?? '']))),
  };
}

/** Records from a YAML or JSON document: a list of mappings, or a mapping with a `customers` list. */
function documentRecords(file: string, document: unknown): { headers: string[]; records: Record<string, unknown>[] } {
  const list = Array.isArray(document)
    ? document
    : typeof document === 'object' &&
        document !== null &&
        Array.isArray((document as { customers?: unknown }).customers)
      ? (document as { customers: unknown[] }).customers
      : undefined;
  if (list === undefined) {
    throw new BatchInputError(file, [
      { message: 'must hold a list of customers, or a mapping with a `customers` list' },
    ]);
  }
  const issues: InputIssue[] = [];
  const headers = new Set<string>();
  list.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      issues.push({ row: index + 1, message: 'must be a mapping of field names to values' });
      return;
    }
    for (const key of Object.keys(entry)) headers.add(key);
  });
  if (issues.length > 0) throw new BatchInputError(file, issues);
  return { headers: [...headers], records: list as Record<string, unknown>[] };
}

/** A scalar cell as text; numbers only when they survived JSON parsing exactly. */
function cellText(value: unknown, row: number, field: string, issues: InputIssue[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    issues.push({ row, field, message: `write ${String(value)} as a quoted string: numbers this large lose digits` });
    return undefined;
  }
  issues.push({ row, field, message: 'must be text, not a list or a mapping' });
  return undefined;
}

/** Reads, parses and maps a customer file; throws BatchInputError when it cannot be used as a whole. */
export async function readRows(file: string, options: ReadRowsOptions = {}): Promise<ReadRowsResult> {
  const format = options.format ?? formatForPath(file);
  if (format === undefined) {
    throw new BatchInputError(file, [{ message: 'has an unknown extension: use .csv, .yaml, .yml or .json' }]);
  }
  const text = await readText(file);
  let parsed: { headers: string[]; records: Record<string, unknown>[] };
  if (format === 'csv') parsed = csvRecords(file, text);
  else {
    let document: unknown;
    try {
      // failsafe: every scalar is a string, so YAML 1.1-style coercions (NO → false, 0123 → 83) cannot happen.
      document = format === 'yaml' ? parseYaml(text, { schema: 'failsafe' }) : JSON.parse(text);
    } catch (error) {
      throw new BatchInputError(file, [
        { message: `is not valid ${format.toUpperCase()}: ${(error as Error).message.split('\n')[0]}` },
      ]);
    }
    parsed = documentRecords(file, document);
  }

  return { file, format, ...mapRecords(file, parsed) };
}

/**
 * Rows from objects already in memory (e.g. a tool call's arguments): a list of `{ field: value }`, with the same
 * column mapping and the same whole-input checks as a file. `label` names the input in errors.
 */
export function rowsFromObjects(list: unknown, label = 'input'): Omit<ReadRowsResult, 'format'> {
  return { file: label, ...mapRecords(label, documentRecords(label, list)) };
}

/** Maps parsed records to rows; throws BatchInputError for missing or doubled columns and missing or repeated ids. */
function mapRecords(
  file: string,
  parsed: { headers: string[]; records: Record<string, unknown>[] },
): Pick<ReadRowsResult, 'rows' | 'mapping'> {
  const mapping = mapColumns(parsed.headers);
  const issues: InputIssue[] = [];
  for (const field of mapping.missing) {
    issues.push({
      field,
      message: `no column for ${field}${field === 'id' ? ' (a unique id per row is required)' : ''}`,
    });
  }
  for (const { field, headers } of mapping.conflicts) {
    issues.push({ field, message: `several columns name ${field}: ${headers.join(', ')}` });
  }
  if (issues.length > 0) throw new BatchInputError(file, issues);

  const rows: InputRow[] = [];
  const firstRowOfId = new Map<string, number>();
  parsed.records.forEach((record, index) => {
    const row = index + 1;
    const values: Partial<Record<RowField, string>> = {};
    for (const field of ROW_FIELDS) {
      const header = mapping.columns[field] as string;
      const text = cellText(record[header], row, field, issues);
      if (text !== undefined) values[field] = text;
    }
    const id = values.id?.trim() ?? '';
    delete values.id;
    if (id === '') {
      issues.push({ row, field: 'id', message: 'is empty: every row needs a unique id' });
      return;
    }
    const first = firstRowOfId.get(id);
    if (first !== undefined) {
      issues.push({ row, id, field: 'id', message: `duplicate id "${id}" (also row ${first})` });
      return;
    }
    firstRowOfId.set(id, row);
    rows.push({ row, id, values });
  });
  if (issues.length > 0) throw new BatchInputError(file, issues);
  if (rows.length === 0) throw new BatchInputError(file, [{ message: 'has no customer rows' }]);
  return { rows, mapping };
}
