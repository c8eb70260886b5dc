// Local file access for the upload tools, confined to the directories the operator allowed.
// An assistant chooses the path, so every path is untrusted: it is resolved, checked against the allowed roots,
// resolved again through symlinks and checked again, opened once (never following a final symlink, never blocking),
// and the opened file itself is then confirmed to be the regular file a confined path names; only a small PDF is read.
import { constants, realpathSync, statSync } from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import { showValue } from '@chatapp-isv/core';

/** Why a file request was refused; each value names one check. */
export type FileAccessErrorCode =
  | 'FileAccessDisabled' // no --allow-dir was given: only base64 content is accepted
  | 'InvalidPath' // empty, or contains a NUL byte
  | 'WindowsPath' // a Windows path (C:\…, \\server\…) given to a server on another system
  | 'PathNotAllowed' // outside every allowed directory, before or after resolving symlinks
  | 'FileNotFound' // nothing at that path
  | 'NotAFile' // a directory, device, FIFO or socket
  | 'FileUnreadable' // there, but the server's user may not read it
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
  /** What `~` stands for (default: the user's home directory). */
  readonly homeDir?: string;
}

/** One PDF found by {@link FileAccess.listPdfs}. */
export interface ListedPdf {
  /** Absolute path, usable as `filePath` as it is. */
  readonly path: string;
  /** Base name, the default `isvTerms`. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** Last modification, ISO 8601. */
  readonly modified: string;
}

/** One page of a directory listing. */
export interface PdfListing {
  /** The directory listed (absolute, canonical). */
  readonly directory: string;
  /** PDFs in it (by name, `.pdf` in any case), sorted by name. */
  readonly files: readonly ListedPdf[];
  /** Subdirectories inside the allowed directories, sorted, to list next. */
  readonly directories: readonly string[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** Reads terms files from the allowed directories only. */
export interface FileAccess {
  /** The canonical (realpath) allowed directories. */
  readonly roots: readonly string[];
  /** Resolves, confines and reads one PDF; throws {@link FileAccessError} on any refusal. */
  readPdf(requestedPath: string): Promise<LocalTermsFile>;
  /**
   * Resolves and confines a path (the same rules as readPdf) without reading it: its canonical path, which must
   * exist inside an allowed directory. `base` replaces the first allowed directory for relative paths.
   */
  confine(requestedPath: string, field?: string, base?: string): Promise<string>;
  /** Lists the PDFs and subdirectories of `directory` (default: the first allowed one), a page at a time. */
  listPdfs(
    directory?: string,
    options?: { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<PdfListing>;
}

/** True for a path written the Windows way: a drive letter (C:\ or C:/), a UNC share, or backslashes only. */
export function isWindowsStylePath(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\') || (path.includes('\\') && !path.includes('/'));
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

/**
 * Maps "gone" (and "became a symlink", ELOOP under O_NOFOLLOW) between our checks, and "no permission to read", to
 * a FileAccessError.
 */
function notFound(error: unknown): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    throw new FileAccessError('FileNotFound', 'filePath does not exist in the allowed directories');
  }
  if (code === 'EACCES' || code === 'EPERM') {
    throw new FileAccessError('FileUnreadable', 'filePath exists but the server may not read it');
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
  const home = options.homeDir ?? homedir();

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

  const allowedList = () => roots.join(', ');

  /** Resolves a request to a canonical path inside an allowed directory, by the documented rules. */
  async function resolveConfined(requestedPath: string, field: string, base?: string): Promise<string> {
    if (roots.length === 0) {
      throw new FileAccessError(
        'FileAccessDisabled',
        'reading local files is disabled: the server was started without --allow-dir; send contentBase64 and fileName instead',
        field,
      );
    }
    if (requestedPath.length === 0 || requestedPath.includes('\0')) {
      throw new FileAccessError('InvalidPath', `${field} must be a non-empty path without NUL bytes`, field);
    }
    if (process.platform !== 'win32' && isWindowsStylePath(requestedPath)) {
      throw new FileAccessError(
        'WindowsPath',
        `${field} looks like a Windows path, but this server runs on ${process.platform} and reads files only from ${allowedList()}; give a path inside one of them (e.g. "${join(roots[0] as string, 'agreement.pdf')}") or a path relative to ${roots[0]}`,
        field,
      );
    }
    // "~" and "~/…" are the home directory, as a shell would read them; "~user" is not expanded.
    const expanded =
      requestedPath === '~' || requestedPath.startsWith('~/') ? join(home, requestedPath.slice(1)) : requestedPath;
    // Relative paths are taken from the first allowed directory, not from the server's working directory.
    const lexical = isAbsolute(expanded) ? resolve(expanded) : resolve(base ?? (roots[0] as string), expanded);
    if (!within(lexical)) {
      throw new FileAccessError(
        'PathNotAllowed',
        `${field} is outside the allowed directories (${allowedList()}); relative paths start at ${roots[0]}`,
        field,
      );
    }
    let real: string;
    try {
      real = await realpath(lexical);
    } catch {
      // A name pasted from a spreadsheet may end in an invisible "\r" or space: show it, or the path looks right.
      const shown = showValue(requestedPath);
      const invisible = shown === requestedPath ? '' : ` (it was ${shown})`;
      throw new FileAccessError(
        'FileNotFound',
        `${field} does not exist in the allowed directories (${allowedList()})${invisible}; list_isv_terms_files shows what is there`,
        field,
      );
    }
    if (!within(real)) {
      throw new FileAccessError(
        'PathNotAllowed',
        `${field} resolves (through a symlink) outside the allowed directories (${allowedList()})`,
        field,
      );
    }
    return real;
  }

  async function readPdf(requestedPath: string): Promise<LocalTermsFile> {
    const real = await resolveConfined(requestedPath, 'filePath');
    const lexicalName = basename(requestedPath.replace(/\/+$/, ''));
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
      await confirmConfined(handle, real, opened);
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
      return { bytes: data, fileName: lexicalName, size: data.length };
    } finally {
      await handle.close();
    }
  }

  async function listPdfs(
    directory?: string,
    options: { cursor?: string | undefined; limit?: number | undefined } = {},
  ): Promise<PdfListing> {
    const dir = await resolveConfined(directory ?? roots[0] ?? '', 'directory');
    const info = await stat(dir);
    if (!info.isDirectory()) throw new FileAccessError('NotAFile', 'directory is not a directory', 'directory');
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
    const offset = options.cursor === undefined ? 0 : Number.parseInt(options.cursor, 10);
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new FileAccessError('InvalidPath', 'cursor must be a nextCursor from an earlier listing', 'cursor');
    }
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    const files: ListedPdf[] = [];
    const directories: string[] = [];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Symlinks count only when they lead to something inside the allowed directories.
      const real = entry.isSymbolicLink() ? await realpath(path).catch(() => undefined) : path;
      if (real === undefined || !within(real)) continue;
      const target = await stat(real).catch(() => undefined);
      if (target === undefined) continue;
      if (target.isDirectory()) directories.push(path);
      else if (target.isFile() && entry.name.toLowerCase().endsWith('.pdf')) {
        files.push({ path, name: entry.name, size: target.size, modified: target.mtime.toISOString() });
      }
    }
    const page = files.slice(offset, offset + limit);
    const next = offset + page.length;
    return {
      directory: dir,
      files: page,
      directories: offset === 0 ? directories : [],
      ...(next < files.length ? { nextCursor: String(next) } : {}),
    };
  }

  return { roots, readPdf, confine: resolveConfined, listPdfs };
}
