// Where batch jobs journal their steps, so a batch started again after the server died resumes instead of sending
// every row a second time (a submission is a legal record and not idempotent). One journal per batch identity: a
// customer file by its resolved path, inline rows by their ids and spaces; the file name is a hash, so no path or
// customer data appears in it. The journal itself is @chatapp-isv/batch's (fsync'ed JSON Lines, no secrets).
import { createHash } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { constants } from 'node:fs';
import { homedir } from 'node:os';
import { join, win32 } from 'node:path';

import type { JournalState, JournalWriter, PlanCounts } from '@chatapp-isv/batch';
import type * as BatchModule from '@chatapp-isv/batch';

/** Environment variable naming the journal directory when --journal-dir is not given. */
export const JOURNAL_DIR_ENV = 'CHATAPP_ISV_MCP_JOURNAL_DIR';

/** How the setting is spelled, for error messages. */
const SETTING = `--journal-dir / ${JOURNAL_DIR_ENV}`;

/** The folder name under the per-user state directory. */
const APP_DIR = 'chatapp-isv-mcp';

/** The engine's journal functions, passed in by the caller that loaded the engine. */
export type JournalEngine = Pick<typeof BatchModule, 'readJournal' | 'openJournal'>;

/** The journal directory cannot be created, written or read; nothing was sent. */
export class JournalUnavailableError extends Error {
  override readonly name = 'JournalUnavailableError';
  readonly code = 'JournalUnavailable';
  constructor(reason: string) {
    super(`the batch journal directory (${SETTING}) cannot be used: ${reason}`);
  }
}

/**
 * The per-user state folder: %LOCALAPPDATA%\chatapp-isv-mcp on Windows, else $XDG_STATE_HOME/chatapp-isv-mcp or
 * ~/.local/state/chatapp-isv-mcp (the XDG default). State, not cache: losing it loses the ability to resume.
 */
export function defaultJournalDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const home = env['HOME'] !== undefined && env['HOME'] !== '' ? env['HOME'] : homedir();
  if (platform === 'win32') {
    const local = env['LOCALAPPDATA'];
    const base = local !== undefined && win32.isAbsolute(local) ? local : win32.join(homedir(), 'AppData', 'Local');
    return win32.join(base, APP_DIR);
  }
  // The XDG spec says a relative $XDG_STATE_HOME is invalid and must be ignored.
  const xdg = env['XDG_STATE_HOME'];
  const base = xdg !== undefined && xdg.startsWith('/') ? xdg : join(home, '.local', 'state');
  return join(base, APP_DIR);
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/**
 * The journal key of a batch. A customer file is the same batch as long as it is the same file (rows edited in it
 * are planned as changed, as in the CLI). Inline rows are the same batch when they name the same ids and spaces, so a
 * corrected field resumes the journal (that row is sent again as changed) instead of sending every row anew.
 */
export function batchJournalKey(
  input: { file: string } | { rows: readonly { id: string; custSpaceId: string }[] },
): string {
  if ('file' in input) return `file-${sha(input.file)}`;
  const canonical = input.rows
    .map((r): [string, string] => [r.id, r.custSpaceId])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `inline-${sha(JSON.stringify(canonical))}`;
}

/** A batch's journal as read before it is planned. */
export interface BatchJournal {
  readonly path: string;
  readonly state: JournalState;
}

/** The journal directory of this server. */
export interface BatchJournals {
  readonly dir: string;
  /** The journal file of a batch key. */
  pathOf(key: string): string;
  /** Creates the directory if needed, checks it is writable, and reads the batch's journal (empty when new). */
  read(engine: JournalEngine, key: string): Promise<BatchJournal>;
  /** Opens the batch's journal for appending. */
  open(engine: JournalEngine, journal: BatchJournal): Promise<JournalWriter>;
}

const reasonOf = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : 'error');

/** The journals in `dir` (absolute). */
export function createBatchJournals(dir: string): BatchJournals {
  return {
    dir,
    pathOf: (key) => join(dir, `${key}.jsonl`),
    async read(engine, key) {
      try {
        // Journals hold customer names and addresses: readable by this user only.
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await access(dir, constants.W_OK);
      } catch (error) {
        throw new JournalUnavailableError(`${dir}: ${reasonOf(error)}`);
      }
      const path = this.pathOf(key);
      try {
        return { path, state: await engine.readJournal(path) };
      } catch (error) {
        throw new JournalUnavailableError(`${path}: ${error instanceof Error ? error.message : 'unreadable'}`);
      }
    },
    async open(engine, journal) {
      try {
        return await engine.openJournal(journal.path);
      } catch (error) {
        throw new JournalUnavailableError(`${journal.path}: ${error instanceof Error ? error.message : 'unwritable'}`);
      }
    },
  };
}

/** Refused because a job on the same journal (the same batch) is still running, or another call is starting it. */
export class BatchAlreadyRunningError extends Error {
  override readonly name = 'BatchAlreadyRunningError';
  constructor(readonly jobId: string | undefined) {
    super(
      jobId === undefined
        ? 'this batch is being started by another call (waiting for its confirmation)'
        : `this batch is already running as job ${jobId}`,
    );
  }
}

/** What the plan does with the rows, given the batch's journal: shown before the job starts and in its status. */
export interface JobPlanSummary {
  /** The journal already had lines for this batch: the job continues an earlier run. */
  readonly resumed: boolean;
  /** On record per the journal: not sent again. */
  readonly alreadyOnRecord: number;
  /** Sent before without a journaled answer: read back first, resent only if not on record. */
  readonly toReadBack: number;
  /** To upload and submit, or to submit an upload already made. */
  readonly toSend: number;
}

/** The summary of a plan's counts. */
export function planSummary(counts: PlanCounts, resumed: boolean): JobPlanSummary {
  return {
    resumed,
    alreadyOnRecord: counts.skip,
    toReadBack: counts['read-back'],
    toSend: counts.onboard + counts.submit,
  };
}
