// Logs go to stderr, one JSON object a line: on stdio, stdout belongs to the protocol alone.
// Every line passes through the redactor first, so a secret that slipped into an error message is masked.
import type { Redactor } from './redact.js';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A structured logger; `fields` must be JSON-serializable. */
export interface Logger {
  /** Writes one line at `level`. */
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** Something with a `write(string)` method, such as `process.stderr`. */
export interface LineSink {
  /** Writes a chunk of text. */
  write(chunk: string): unknown;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger writing redacted JSON lines to `sink` (stderr by default) at or above `minLevel`. */
export function createStderrLogger(redact: Redactor, options: { sink?: LineSink; minLevel?: LogLevel } = {}): Logger {
  const sink = options.sink ?? process.stderr;
  const min = ORDER[options.minLevel ?? 'info'];
  return {
    log(level, message, fields) {
      if (ORDER[level] < min) return;
      const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
      sink.write(`${redact(line)}\n`);
    },
  };
}

/** A logger that drops everything (for embedding in tests or hosts with their own logging). */
export const silentLogger: Logger = { log() {} };
