// Logs go to stderr, one JSON object a line: on stdio, stdout belongs to the protocol alone.
// Every line passes through the redactor first, so a secret that slipped into an error message is masked.
// The shape is core's Logger (debug/info/warn/error), so the same logger serves the server and the client it uses.
import type { Logger } from '@chatapp-isv/core';
import type { Redactor } from './redact.js';

export type { Logger };

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

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
  const at =
    (level: LogLevel) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (ORDER[level] < min) return;
      const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
      sink.write(`${redact(line)}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The same logger with `fields` added to every line (e.g. `{ source: 'core' }` for the client's lines). */
export function withFields(logger: Logger, fields: Record<string, unknown>): Logger {
  return {
    debug: (message, more) => logger.debug(message, { ...fields, ...more }),
    info: (message, more) => logger.info(message, { ...fields, ...more }),
    warn: (message, more) => logger.warn(message, { ...fields, ...more }),
    error: (message, more) => logger.error(message, { ...fields, ...more }),
  };
}

/** A logger that drops everything (for embedding in tests or hosts with their own logging). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
