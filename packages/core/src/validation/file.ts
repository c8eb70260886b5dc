// Reads the agreement PDF from wherever the caller has it (path, bytes or stream) into memory once, checking it on
// the way: a plain `.pdf` file name, the `%PDF-` signature, and the size limit (2 MiB by default, the console's
// stated maximum). For a path, stat() refuses an obviously oversized file before reading; the file is then read as
// a stream like any other, because stat() can be wrong (a file still being written, kernel files that report 0).
// A stream is abandoned as soon as it passes the limit, so an oversized file is never fully loaded. A stream that
// is not read at all (the name is already wrong) is destroyed, so its file descriptor is not left open, and a read
// failure is a ValidationError naming the field. The SHA-256 lets callers prove what they sent.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { ValidationError, type ValidationIssue } from '../errors.js';
import { fileAccessHint, fileProblemOf, type FileProblem } from '../hints.js';
import { fileNameSchema, toValidationIssues } from './schemas.js';

/** Default largest agreement file: 2 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** An agreement file: a path, its bytes, or a readable stream of its bytes. */
export type TermsFileInput = string | Uint8Array | Readable | NodeJS.ReadableStream;

/** Options of readTermsFile. */
export interface ReadTermsFileOptions {
  /**
   * Largest accepted size in bytes.
   * @default 2097152 (2 MiB)
   */
  maxBytes?: number | undefined;
  /** The file name to upload under; defaults to the path's base name, required for bytes and streams. */
  fileName?: string | undefined;
  /**
   * The input field named in errors, as the caller spells it (e.g. `termsFile`).
   * @default 'file'
   */
  field?: string | undefined;
  /**
   * Longest time the whole read may take, in ms (default 30000; the client passes its `timeoutMs`). A stream that
   * stalls or never ends is abandoned (destroyed) and reported as a ValidationError naming the field.
   */
  readTimeoutMs?: number | undefined;
}

/** Default limit for reading a caller's file or stream: 30 s. */
export const DEFAULT_READ_TIMEOUT_MS = 30_000;

/** A checked agreement file, held in memory. */
export interface TermsFile {
  /** The file's bytes. */
  bytes: Buffer;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** The validated, trimmed file name (the future `IsvTerms`). */
  fileName: string;
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

function isStream(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { pipe?: unknown }).pipe === 'function';
}

// Characters a person cannot see in a message: controls, spaces at either end, zero-width and other invisible marks.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u00a0\u00ad\u200b-\u200f\u2028-\u202f\u2060\ufeff]/g;

/**
 * A value as it should appear in a message: plain when every character is visible, otherwise quoted with the
 * invisible characters escaped (`"acme-terms.pdf\r"`), so a trailing carriage return from a spreadsheet shows.
 */
export function showValue(value: string): string {
  INVISIBLE.lastIndex = 0;
  if (!INVISIBLE.test(value) && value.trim() === value) return value;
  const escaped = value.replace(INVISIBLE, (char) => {
    const named: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };
    return named[char] ?? `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
  });
  return `"${escaped.replace(/"/g, '\\"')}" (it contains invisible characters or spaces at its ends)`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** A file-access issue on `field`: what went wrong, then core's hint for that kind of problem. */
function fileIssue(field: string, message: string, problem: FileProblem | undefined): ValidationError {
  const hint = problem === undefined ? '' : `. Hint: ${fileAccessHint(problem)}`;
  return new ValidationError([{ field, message: `${message}${hint}` }]);
}

interface ReadLimits {
  maxBytes: number;
  timeoutMs: number;
  field: string;
}

async function readPath(path: string, limits: ReadLimits): Promise<Buffer> {
  const { field, maxBytes } = limits;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'unknown error'})`;
    throw fileIssue(field, `${reason}: ${showValue(basename(path))}`, fileProblemOf(code));
  }
  if (!info.isFile()) throw fileIssue(field, `is not a regular file: ${showValue(basename(path))}`, 'not-a-file');
  if (info.size > maxBytes) throw tooLarge(field, maxBytes, info.size);
  return readStream(createReadStream(path), limits);
}

function release(stream: unknown): void {
  (stream as { destroy?: () => void }).destroy?.();
}

/**
 * Reads a stream into memory within the limits. The deadline covers the whole read: a stream that never ends (or
 * sends a byte a minute) would otherwise hold the call, its quota slot and the caller forever, since the HTTP
 * timeouts only start once something is sent.
 */
async function readStream(stream: AsyncIterable<unknown>, limits: ReadLimits): Promise<Buffer> {
  const { field, maxBytes, timeoutMs } = limits;
  const chunks: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(
        new ValidationError([
          { field, message: `was not read completely within ${timeoutMs} ms (the stream stalled or never ended)` },
        ]),
      );
    }, timeoutMs);
  });
  const reading = (async () => {
    for await (const chunk of stream) {
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
        throw new ValidationError([{ field, message: 'must be a stream of bytes or strings' }]);
      }
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
      size += bytes.length;
      if (size > maxBytes) throw tooLarge(field, maxBytes);
      chunks.push(bytes);
    }
  })();
  // The loser of the race must not become an unhandled rejection once the stream is destroyed.
  reading.catch(() => undefined);
  try {
    await Promise.race([reading, deadline]);
  } catch (error) {
    release(stream);
    if (error instanceof ValidationError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.name ?? 'error';
    throw fileIssue(field, `cannot be read (${code})`, fileProblemOf(code));
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(field: string, maxBytes: number, size?: number): ValidationError {
  const actual = size === undefined ? 'more than that' : formatBytes(size);
  return new ValidationError([{ field, message: `must be at most ${formatBytes(maxBytes)} (got ${actual})` }]);
}

/**
 * Reads and checks an agreement file: a plain `.pdf` name, the `%PDF-` header, at most `maxBytes` (2 MiB by default).
 * Throws ValidationError naming `fileName` or the file field; never touches the network.
 *
 * @example
 * ```ts
 * import { readTermsFile } from '@chatapp-isv/core';
 *
 * const file = await readTermsFile('./acme-terms.pdf', { maxBytes: 1024 * 1024, field: 'termsFile' });
 * console.log(file.fileName, file.size, file.sha256);
 * ```
 * @throws ValidationError naming `fileName` and the file field (`options.field`, default `file`), with invisible
 *   characters in the path shown (`"acme-terms.pdf\r"`); a missing, unreadable or non-regular file's message ends
 *   with the hint for it (see fileAccessHint)
 */
export async function readTermsFile(file: TermsFileInput, options: ReadTermsFileOptions = {}): Promise<TermsFile> {
  const field = options.field ?? 'file';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const limits: ReadLimits = { maxBytes, field, timeoutMs: options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS };
  const issues: ValidationIssue[] = [];

  let rawName = options.fileName;
  if (rawName === undefined && typeof file === 'string') rawName = basename(file);
  let fileName = '';
  const isContent = file instanceof Uint8Array || isStream(file);
  if (rawName === undefined) {
    // Only bytes and streams lack a name; a missing file is reported once, on its own field, below.
    if (isContent)
      issues.push({ field: 'fileName', message: 'is required when the file is given as bytes or a stream' });
  } else {
    const parsed = fileNameSchema.safeParse(rawName);
    if (parsed.success) fileName = parsed.data;
    else issues.push(...toValidationIssues(parsed.error, 'fileName'));
  }

  let bytes: Buffer | undefined;
  if (typeof file === 'string') {
    if (file.trim() === '') issues.push({ field, message: 'must not be an empty path' });
    else if (issues.length === 0) bytes = await readPath(file, limits);
  } else if (file instanceof Uint8Array) {
    bytes = Buffer.isBuffer(file) ? file : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    if (bytes.length > maxBytes)
      issues.push({ field, message: `must be at most ${formatBytes(maxBytes)} (got ${formatBytes(bytes.length)})` });
  } else if (isStream(file)) {
    if (issues.length === 0) bytes = await readStream(file, limits);
    else release(file);
  } else {
    issues.push({
      field,
      message:
        file === undefined || file === null
          ? 'is required: a file path, a Buffer/Uint8Array or a readable stream'
          : 'must be a file path, a Buffer/Uint8Array or a readable stream',
    });
  }

  if (bytes !== undefined && bytes.length <= maxBytes && !bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
    issues.push({ field, message: 'must be a PDF (it does not start with "%PDF-")' });
  }
  if (issues.length > 0 || bytes === undefined) throw new ValidationError(issues);
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, fileName };
}
