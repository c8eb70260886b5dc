// Local file access for the upload tools, confined to the directories the operator allowed.
// An assistant chooses the path, so every path is untrusted: it is resolved, checked against the allowed roots,
// resolved again through symlinks and checked again, and only a small regular PDF is ever read whole.
import { constants, realpathSync, statSync } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
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
    // lstat before open: opening a FIFO would block, and a directory cannot be read as a file.
    const info = await lstat(real);
    if (!info.isFile()) throw new FileAccessError('NotAFile', 'filePath is not a regular file');
    if (info.size > maxBytes) {
      throw new FileAccessError('FileTooLarge', `the file is ${info.size} bytes; the limit is ${maxBytes} bytes`);
    }
    const handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      // Check the opened file again, so a swap between lstat and open cannot slip a larger or special file in.
      const opened = await handle.stat();
      if (!opened.isFile()) throw new FileAccessError('NotAFile', 'filePath is not a regular file');
      if (opened.size > maxBytes) {
        throw new FileAccessError('FileTooLarge', `the file is ${opened.size} bytes; the limit is ${maxBytes} bytes`);
      }
      const head = Buffer.alloc(PDF_MAGIC.length);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      if (bytesRead < PDF_MAGIC.length || !head.equals(PDF_MAGIC)) {
        throw new FileAccessError('NotAPdf', 'the file is not a PDF (it does not start with %PDF-)');
      }
      const bytes = Buffer.alloc(opened.size);
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
