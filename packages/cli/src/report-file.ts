// Writes the per-row report: CSV (csv-stringify, a header line, RFC 4180 quoting) or JSON (an array of rows plus
// the summary), picked by the extension. Written to a temporary file and renamed, so a crash never leaves half.
import { rename, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { REPORT_COLUMNS, type BatchSummary, type ReportRow } from '@chatapp-isv/batch';
import { UsageError } from './usage-error.js';

/** The report format a path asks for; throws UsageError for anything but .csv / .json. */
export function reportFormat(path: string): 'csv' | 'json' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw new UsageError(`--report must end in .csv or .json, got "${path}"`);
}

/** Writes the report. */
export async function writeReport(path: string, rows: readonly ReportRow[], summary?: BatchSummary): Promise<void> {
  const text =
    reportFormat(path) === 'csv'
      ? stringify(rows as ReportRow[], { header: true, columns: [...REPORT_COLUMNS] })
      : `${JSON.stringify({ summary, rows }, null, 2)}\n`;
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
