// The journal: one JSON object per line, appended and fsync'ed at every state change of a row, always *before* the
// step it announces is taken (`submitting` is on disk before the submit leaves). So after a crash the journal never
// claims less than what happened: a row whose last line is `submitting` may or may not be on record — `unknown`.
// Each line carries the row's fingerprint, so states of an older version of a row never count for a new one.
// A line torn by a crash (no fsync completed, so its step was never taken) is skipped when the journal is read;
// appends start on a fresh line. Writes are serialized through one promise chain: concurrent rows never interleave.
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { BatchInputError } from './errors.js';

/** Journal format version, written on every line. */
export const JOURNAL_VERSION = 1;

/** Row states, in the order a row passes them. */
export type RowState = 'validated' | 'uploaded' | 'submitting' | 'submitted' | 'failed' | 'unknown';

/** What every line holds. */
interface LineBase {
  /** Format version. */
  v: typeof JOURNAL_VERSION;
  /** ISO time of the write. */
  at: string;
  /** Row id. */
  id: string;
  /** Fingerprint of the row version this line is about. */
  fingerprint: string;
  /** The space, for people reading the journal. */
  custSpaceId: string;
}

/** One journal line. */
export type JournalEntry = LineBase &
  (
    | { state: 'validated' }
    | { state: 'uploaded'; objectKey: string; sha256: string; isvTerms: string }
    | { state: 'submitting'; isvTerms: string }
    | { state: 'submitted'; requestId?: string | undefined; confirmedBy?: 'read-back' | undefined }
    | { state: 'failed'; code: string; message: string; retryable: boolean; stage: 'upload' | 'submit' }
    | { state: 'unknown'; reason: string }
  );

/** A journal entry before `v` and `at` are stamped on. */
export type JournalWrite = JournalEntry extends infer E ? (E extends unknown ? Omit<E, 'v' | 'at'> : never) : never;

/** What the journal says about one row: its latest line, and the latest upload of that same version. */
export interface RowHistory {
  /** The latest line for the row. */
  readonly last: JournalEntry;
  /** The latest `uploaded` line with the same fingerprint as `last`, if any. */
  readonly upload?: Extract<JournalEntry, { state: 'uploaded' }> | undefined;
}

/** The folded journal. */
export interface JournalState {
  /** Row id → its history. */
  readonly rows: ReadonlyMap<string, RowHistory>;
  /** Lines that were not complete JSON (torn by a crash) and were skipped. */
  readonly skippedLines: number;
  /** Whether the file existed and had at least one line. */
  readonly exists: boolean;
}

const STATES = new Set<RowState>(['validated', 'uploaded', 'submitting', 'submitted', 'failed', 'unknown']);

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.fingerprint === 'string' &&
    STATES.has(entry.state as RowState)
  );
}

/** Folds journal lines into the state of every row (last line wins). */
export function foldJournal(entries: readonly JournalEntry[]): Map<string, RowHistory> {
  const rows = new Map<string, RowHistory>();
  for (const entry of entries) {
    const previous = rows.get(entry.id);
    let upload = previous?.upload?.fingerprint === entry.fingerprint ? previous.upload : undefined;
    if (entry.state === 'uploaded') upload = entry;
    rows.set(entry.id, { last: entry, upload });
  }
  return rows;
}

/** Reads a journal; a missing file is an empty journal. Throws BatchInputError if it is not a journal at all. */
export async function readJournal(path: string): Promise<JournalState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { rows: new Map(), skippedLines: 0, exists: false };
    throw new BatchInputError(path, [{ message: `the journal cannot be read (${code ?? 'error'})` }]);
  }
  const entries: JournalEntry[] = [];
  let skippedLines = 0;
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skippedLines += 1;
      continue;
    }
    if (!isEntry(value)) {
      throw new BatchInputError(path, [
        { message: `line ${lineNumber} is not a chatapp-isv journal entry; is this the right --journal file?` },
      ]);
    }
    entries.push(value);
  }
  return { rows: foldJournal(entries), skippedLines, exists: entries.length > 0 || skippedLines > 0 };
}

/** An open journal for appending. */
export interface JournalWriter {
  /** Appends one line and fsyncs it; resolves once it is on disk. */
  append(entry: JournalWrite): Promise<void>;
  /** Waits for pending writes and closes the file. */
  close(): Promise<void>;
  /** The journal's path. */
  readonly path: string;
}

/** Opens (creating if needed) a journal for appending. */
export async function openJournal(path: string): Promise<JournalWriter> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'a+');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new BatchInputError(path, [{ message: `the journal cannot be opened for writing (${code})` }]);
  }
  // A crash may have left a torn last line: start ours on a fresh one.
  const { size } = await handle.stat();
  let pending: Promise<void> = Promise.resolve();
  if (size > 0) {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) pending = handle.appendFile('\n').then(() => handle.sync());
  }
  let closed = false;
  return {
    path,
    append(entry) {
      if (closed) return Promise.reject(new Error('the journal is closed'));
      const line = `${JSON.stringify({ v: JOURNAL_VERSION, at: new Date().toISOString(), ...entry })}\n`;
      const write = pending.then(async () => {
        await handle.appendFile(line);
        await handle.sync();
      });
      // Later writes wait for this one but do not inherit its failure; the caller of this one sees it.
      pending = write.catch(() => undefined);
      return write;
    },
    async close() {
      if (closed) return;
      closed = true;
      await pending;
      await handle.close();
    },
  };
}
