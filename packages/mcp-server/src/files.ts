// Local file access for the upload tools, confined to the directories the operator allowed.
// An assistant chooses the path, so every path is untrusted: it is resolved, checked against the allowed roots,
// resolved again through symlinks and checked again, opened once (never following a final symlink, never blocking),
// and the opened file itself is then confirmed to be the regular file a confined path names; only a small PDF is read.
import { constants, realpathSync, statSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { lstat, open, readlink, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, isAbsolute, resolve, sep } from 'node:path';

/** Why a file request was refused; each value names one check. */
export type FileAccessErrorCode =
  | 'FileAccessDisabled' // no --allow-dir was given: only base64 content is accepted
  | 'InvalidPath' // empty, or contains a NUL byte
  | 'PathNotAllowed' // outside every allowed directory, before or after resolving symlinks
  | 'FileNotFound' // nothing at that path
  | 'NotAFile' // a directory, device, FIFO or socket
  | 'FileTooLarge' // larger than the size cap
  | 'NotAPdf'; // does not start with the %PDF- signature

/** A refused file request; the message names the check, never the contents. */
export class FileAccessError extends Error {
  override readonly name = 'FileAccessError';
  /** Which check refused the request. */
  readonly code: FileAccessErrorCode;
  /** The input field the path came from, for error reports. */
  readonly field: string;

  constructor(code: FileAccessErrorCode, message: string, field = 'filePath') {
    super(message);
    this.code = code;
    this.field = field;
  }
}

/** A PDF read from an allowed directory. */
export interface LocalTermsFile {
  /** The file's bytes. */
  readonly bytes: Buffer;
  /** The file's base name, the default `isvTerms` name. */
  readonly fileName: string;
  /** Size in bytes. */
  readonly size: number;
}

/** Options for {@link createFileAccess}. */
export interface FileAccessOptions {
  /** Directories local files may be read from; empty means no local file can be read. */
  readonly allowedDirs: readonly string[];
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
}

/** Reads terms files from the allowed directories only. */
export interface FileAccess {
  /** The canonical (realpath) allowed directories. */
  readonly roots: readonly string[];
  /** Resolves, confines and reads one PDF; throws {@link FileAccessError} on any refusal. */
  readPdf(requestedPath: string): Promise<LocalTermsFile>;
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

// O_NOFOLLOW and O_NONBLOCK are undefined on Windows, where `| undefined` leaves the other flags as they are.
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** Where the kernel says an open file descriptor's file is (Linux); undefined when it cannot tell. */
async function openedPath(fd: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const path = await readlink(`/proc/self/fd/${fd}`);
    return path.startsWith('/') ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Maps "gone" (and "became a symlink", ELOOP under O_NOFOLLOW) between our checks to a FileAccessError. */
function notFound(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    throw new FileAccessError('FileNotFound', 'filePath does not exist in the allowed directories');
  }
  if (code === 'ELOOP')
    throw new FileAccessError('PathNotAllowed', 'filePath changed while it was being opened; try again');
  throw error;
}

/** True when `candidate` is `root` itself or lies below it (the separator stops `/a` matching `/ab`). */
export function isInside(root: string, candidate: string): boolean {
  if (candidate === root) return true;
  const prefix = root.endsWith(sep) ? root : root + sep;
  return candidate.startsWith(prefix);
}

/**
 * Canonicalizes the allowed directories once, at startup: each must exist and be a directory, and is kept as its
 * realpath so that a symlinked temp folder (macOS /var → /private/var) still matches resolved request paths.
 */
export function createFileAccess(options: FileAccessOptions): FileAccess {
  const roots = options.allowedDirs.map((dir) => {
    const real = realpathSync(resolve(dir));
    if (!statSync(real).isDirectory()) throw new Error(`--allow-dir ${dir} is not a directory`);
    return real;
  });
  const maxBytes = options.maxBytes;

  const within = (path: string): boolean => roots.some((root) => isInside(root, path));

  /**
   * Refuses the opened file unless it lies inside an allowed directory. On Linux the kernel names the opened file
   * (/proc/self/fd), which no later swap can change. Elsewhere the path is resolved again and must name the very
   * same file (device and inode): a narrower check, since a swap can still race those two calls.
   */
  async function confirmConfined(handle: FileHandle, lexical: string, opened: BigIntStats): Promise<void> {
    const where = await openedPath(handle.fd);
    if (where !== undefined) {
      if (within(where)) return;
      throw new FileAccessError('PathNotAllowed', 'filePath resolves outside the allowed directories');
    }
    const again = await realpath(lexical).catch(() => undefined);
    const now =
      again !== undefined && within(again) ? await stat(again, { bigint: true }).catch(() => undefined) : undefined;
    if (now === undefined || now.dev !== opened.dev || now.ino !== opened.ino) {
      throw new FileAccessError('PathNotAllowed', 'filePath changed while it was being opened; try again');
    }
  }

  async function readPdf(requestedPath: string): Promise<LocalTermsFile> {
    if (roots.length === 0) {
      throw new FileAccessError(
        'FileAccessDisabled',
        'reading local files is disabled: the server was started without --allow-dir; send contentBase64 and fileName instead',
      );
    }
    if (requestedPath.length === 0 || requestedPath.includes('\0')) {
      throw new FileAccessError('InvalidPath', 'filePath must be a non-empty path without NUL bytes');
    }
    // Relative paths are taken from the first allowed directory, not from the server's working directory.
    const [firstRoot] = roots;
    const lexical = isAbsolute(requestedPath) ? resolve(requestedPath) : resolve(firstRoot as string, requestedPath);
    if (!within(lexical)) {
      throw new FileAccessError('PathNotAllowed', 'filePath is outside the allowed directories');
    }
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      throw new FileAccessError('FileNotFound', 'filePath does not exist in the allowed directories');
    }
    if (!within(real)) {
      throw new FileAccessError(
        'PathNotAllowed',
        'filePath resolves (through a symlink) outside the allowed directories',
      );
    }
    // lstat before open: a device, FIFO or directory is refused without being opened at all.
    const info = await lstat(real).catch(notFound);
    if (!info.isFile()) throw new FileAccessError('NotAFile', 'filePath is not a regular file');
    if (info.size > maxBytes) {
      throw new FileAccessError('FileTooLarge', `the file is ${info.size} bytes; the limit is ${maxBytes} bytes`);
    }
    // Another process may swap a file or a directory on the path between those checks and this open. Open without
    // following a final symlink and without blocking (a FIFO swapped in would otherwise hang the read), then judge
    // only the opened file: it must be a regular file, and the very file found at a confined path after the open.
    const handle = await open(real, OPEN_FLAGS).catch(notFound);
    try {
      const opened = await handle.stat({ bigint: true });
      if (!opened.isFile()) throw new FileAccessError('NotAFile', 'filePath is not a regular file');
      await confirmConfined(handle, lexical, opened);
      if (opened.size > BigInt(maxBytes)) {
        throw new FileAccessError('FileTooLarge', `the file is ${opened.size} bytes; the limit is ${maxBytes} bytes`);
      }
      const head = Buffer.alloc(PDF_MAGIC.length);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      if (bytesRead < PDF_MAGIC.length || !head.equals(PDF_MAGIC)) {
        throw new FileAccessError('NotAPdf', 'the file is not a PDF (it does not start with %PDF-)');
      }
      const bytes = Buffer.alloc(Number(opened.size));
      let offset = 0;
      while (offset < bytes.length) {
        const { bytesRead: n } = await handle.read(bytes, offset, bytes.length - offset, offset);
        if (n === 0) break;
        offset += n;
      }
      const data = offset === bytes.length ? bytes : bytes.subarray(0, offset);
      return { bytes: data, fileName: basename(lexical), size: data.length };
    } finally {
      await handle.close();
    }
  }

  return { roots, readPdf };
}
