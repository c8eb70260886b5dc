// Progress, drawn from the engine's events (rows) and core's events (retries), in one of four forms:
//   tty    one cli-progress bar on stderr: done/total, rate, ETA, ok / failed / retrying counts; failed and unknown
//          rows (with their hints) are listed under it when it ends
//   lines  one plain line per finished row on stdout (CI, pipes): grep-able, no control characters
//   json   every engine event as one JSON object per line on stdout, for scripts
//   quiet  nothing but failed and unknown rows (stderr)
import { SingleBar } from 'cli-progress';
import type { BatchEvent, RowResult } from '@chatapp-isv/batch';
import type { IsvTermsEvent } from '@chatapp-isv/core';

/** The output forms. */
export type ProgressMode = 'tty' | 'lines' | 'json' | 'quiet';

/** What a command feeds and asks. */
export interface Progress {
  /** An engine event. */
  onBatchEvent(event: BatchEvent): void;
  /** A core event (retries). */
  onClientEvent(event: IsvTermsEvent): void;
  /** Prints a message without tearing the bar (stderr). */
  note(message: string): void;
  /** Stops drawing. */
  stop(): void;
}

/** One row as a plain line: status, id, space, and RequestId or error (with core's hint for its class). */
export function rowLine(result: RowResult): string {
  const status = result.status === 'submitted' && result.confirmedBy === 'read-back' ? 'confirmed' : result.status;
  const tail =
    result.status === 'failed' || result.status === 'unknown'
      ? `${result.code ?? 'Error'}: ${result.message ?? ''}${result.retryable === true ? ' (retryable)' : ''}${
          result.hint !== undefined ? ` hint: ${result.hint}` : ''
        }`
      : result.requestId !== undefined
        ? `requestId=${result.requestId}`
        : '';
  return `${status.padEnd(17)} ${result.id} ${result.custSpaceId}${tail === '' ? '' : ` ${tail}`}`;
}

/** Creates the progress output for a mode. */
export function createProgress(mode: ProgressMode): Progress {
  let bar: SingleBar | undefined;
  let ok = 0;
  let failed = 0;
  let done = 0;
  let startedAt = Date.now();
  const retrying = new Set<string>();
  // On a terminal the bar replaces row lines, so the rows that need the user (failed, unknown) are listed with their
  // hints once the bar is done, instead of only in the report file.
  const needsAttention: RowResult[] = [];
  const payload = () => ({ ok, failed, retrying: retrying.size });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);

  return {
    onBatchEvent(event) {
      if (mode === 'json') {
        out(JSON.stringify(event));
        return;
      }
      if (event.type === 'start' && mode === 'tty') {
        bar = new SingleBar({
          format:
            'onboarding [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | ok {ok} failed {failed} retrying {retrying}',
          stream: process.stderr,
          barCompleteChar: '\u2588',
          barIncompleteChar: '\u2591',
          hideCursor: true,
          etaBuffer: 50,
          fps: 5,
        });
        startedAt = Date.now();
        bar.start(event.total, 0, { ...payload(), rate: '0.0' });
        return;
      }
      if (event.type === 'row-done') {
        const { result } = event;
        done += 1;
        retrying.delete(result.custSpaceId);
        if (result.status === 'submitted' || result.status === 'already-submitted') ok += 1;
        else if (result.status === 'failed' || result.status === 'unknown') failed += 1;
        if (mode === 'tty' && bar !== undefined) {
          if (result.status === 'failed' || result.status === 'unknown') needsAttention.push(result);
          const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
          bar.increment(1, { ...payload(), rate: (done / seconds).toFixed(1) });
        } else if (mode === 'lines') out(rowLine(result));
        else if (mode === 'quiet' && (result.status === 'failed' || result.status === 'unknown')) err(rowLine(result));
        return;
      }
      if (event.type === 'stopping')
        this.note('stopping: no new rows start; rows in flight finish (Ctrl-C again to quit at once)');
      if (event.type === 'end') {
        bar?.stop();
        for (const result of needsAttention.splice(0)) err(rowLine(result));
      }
    },
    onClientEvent(event) {
      if (event.type !== 'retry' || event.custSpaceId === undefined) return;
      retrying.add(event.custSpaceId);
      bar?.update(payload());
    },
    note(message) {
      if (mode === 'json') return;
      if (bar !== undefined) process.stderr.write('\n');
      err(message);
    },
    stop() {
      bar?.stop();
    },
  };
}
