// A logger is four functions taking a message and structured fields; console, pino and winston all fit with a
// one-line adapter. The client logs steps, retries and failures with ids and codes only: never credentials.

/** Receives the client's log lines. Fields never contain secrets. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
