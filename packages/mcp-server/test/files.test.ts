// Path confinement, checked on a real directory tree: every escape an assistant could try is refused, and a
// file inside the allowed directory is read only if it is a small regular PDF.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { FileAccess, FileAccessError as FileAccessErrorType } from '../dist/index.js';
import { server } from './native.js';
import { makeTree, pdf, type Tree } from './helpers.js';

const { createFileAccess, FileAccessError, isInside } = server;

let tree: Tree;
let access: FileAccess;

async function refusal(path: string): Promise<string> {
  const error = await access.readPdf(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileAccessError);
  return (error as FileAccessErrorType).code;
}

beforeAll(async () => {
  tree = await makeTree();
  await mkdir(join(tree.allowed, 'sub'));
  await writeFile(join(tree.allowed, 'sub', 'nested.pdf'), pdf('nested'));
  await writeFile(join(tree.allowed, 'notes.txt'), 'not a pdf at all');
  await writeFile(join(tree.allowed, 'big.pdf'), Buffer.concat([pdf('big'), Buffer.alloc(4096)]));
  await symlink(join(tree.outside, 'terms.pdf'), join(tree.allowed, 'link-out.pdf'));
  await symlink(tree.outside, join(tree.allowed, 'dir-link-out'));
  await symlink(join(tree.allowed, 'terms.pdf'), join(tree.allowed, 'link-in.pdf'));
  access = createFileAccess({ allowedDirs: [tree.allowed], maxBytes: 2048 });
});

afterAll(async () => {
  await tree.remove();
});

describe('isInside', () => {
  it('accepts the root and paths below it, and refuses a sibling that shares the prefix', () => {
    expect(isInside('/srv/allowed', '/srv/allowed')).toBe(true);
    expect(isInside('/srv/allowed', `/srv/allowed${sep}a.pdf`)).toBe(true);
    expect(isInside('/srv/allowed', '/srv/allowed-evil/a.pdf')).toBe(false);
    expect(isInside('/srv/allowed', '/srv/allowedx')).toBe(false);
  });
});

describe('createFileAccess', () => {
  it('reads a PDF inside the allowed directory, by absolute and by relative path', async () => {
    const absolute = await access.readPdf(join(tree.allowed, 'terms.pdf'));
    expect(absolute.fileName).toBe('terms.pdf');
    expect(absolute.bytes.equals(pdf('allowed'))).toBe(true);
    const relative = await access.readPdf('sub/nested.pdf');
    expect(relative.bytes.equals(pdf('nested'))).toBe(true);
  });

  it('follows a symlink that stays inside', async () => {
    const file = await access.readPdf(join(tree.allowed, 'link-in.pdf'));
    expect(file.bytes.equals(pdf('allowed'))).toBe(true);
  });

  it('refuses ".." climbing out', async () => {
    expect(await refusal(join(tree.allowed, '..', 'outside', 'terms.pdf'))).toBe('PathNotAllowed');
    expect(await refusal('../outside/terms.pdf')).toBe('PathNotAllowed');
  });

  it('refuses an absolute path outside', async () => {
    expect(await refusal(join(tree.outside, 'terms.pdf'))).toBe('PathNotAllowed');
    expect(await refusal('/etc/passwd')).toBe('PathNotAllowed');
  });

  it('refuses a symlink (file or directory) pointing out', async () => {
    expect(await refusal(join(tree.allowed, 'link-out.pdf'))).toBe('PathNotAllowed');
    expect(await refusal(join(tree.allowed, 'dir-link-out', 'terms.pdf'))).toBe('PathNotAllowed');
  });

  it('refuses a sibling directory that shares the prefix', async () => {
    expect(await refusal(join(tree.evil, 'terms.pdf'))).toBe('PathNotAllowed');
    expect(await refusal(`${tree.allowed}-evil/terms.pdf`)).toBe('PathNotAllowed');
  });

  it('refuses NUL bytes, empty paths, directories, missing files, non-PDFs and oversized files', async () => {
    expect(await refusal(`${join(tree.allowed, 'terms.pdf')}\0.txt`)).toBe('InvalidPath');
    expect(await refusal('')).toBe('InvalidPath');
    expect(await refusal(join(tree.allowed, 'sub'))).toBe('NotAFile');
    expect(await refusal(join(tree.allowed, 'missing.pdf'))).toBe('FileNotFound');
    expect(await refusal(join(tree.allowed, 'notes.txt'))).toBe('NotAPdf');
    expect(await refusal(join(tree.allowed, 'big.pdf'))).toBe('FileTooLarge');
  });

  it('reads nothing at all without allowed directories', async () => {
    const none = createFileAccess({ allowedDirs: [], maxBytes: 2048 });
    const error = await none.readPdf(join(tree.allowed, 'terms.pdf')).catch((e: unknown) => e);
    expect((error as FileAccessErrorType).code).toBe('FileAccessDisabled');
  });

  it('canonicalizes the allowed directories at startup and rejects one that does not exist', () => {
    const viaDots = createFileAccess({ allowedDirs: [join(tree.allowed, 'sub', '..')], maxBytes: 1 });
    expect(viaDots.roots).toEqual([tree.allowed]);
    expect(() => createFileAccess({ allowedDirs: [join(tree.base, 'nope')], maxBytes: 1 })).toThrow();
  });
});

describe('path forms an assistant uses', () => {
  const messageOf = async (fa: FileAccess, path: string) => {
    const error = await fa.readPdf(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileAccessError);
    return error as FileAccessErrorType;
  };

  it('expands ~ and ~/… to the home directory, and still confines the result', async () => {
    const homed = createFileAccess({ allowedDirs: [tree.allowed], maxBytes: 2048, homeDir: tree.base });
    expect((await homed.readPdf('~/allowed/terms.pdf')).bytes.equals(pdf('allowed'))).toBe(true);
    expect((await messageOf(homed, '~/outside/terms.pdf')).code).toBe('PathNotAllowed');
    const homeIsAllowed = createFileAccess({ allowedDirs: [tree.allowed], maxBytes: 2048, homeDir: tree.allowed });
    expect((await homeIsAllowed.readPdf('~/sub/nested.pdf')).fileName).toBe('nested.pdf');
  });

  it('resolves ./x.pdf and x.pdf against the first allowed directory', async () => {
    const two = createFileAccess({ allowedDirs: [join(tree.allowed, 'sub'), tree.allowed], maxBytes: 2048 });
    expect((await two.readPdf('./nested.pdf')).bytes.equals(pdf('nested'))).toBe(true);
    expect((await two.readPdf('nested.pdf')).fileName).toBe('nested.pdf');
    expect((await two.readPdf(join(tree.allowed, 'terms.pdf'))).fileName).toBe('terms.pdf');
  });

  // The server under test runs on POSIX (as CI does); on Windows these would be native paths.
  it('recognises Windows paths and explains where files may come from instead', async () => {
    for (const path of [
      'C:\\Users\\me\\terms.pdf',
      'c:/Users/me/terms.pdf',
      '\\\\server\\share\\terms.pdf',
      'docs\\terms.pdf',
    ]) {
      const error = await messageOf(access, path);
      expect(error.code, path).toBe('WindowsPath');
      expect(error.message).toContain('Windows path');
      expect(error.message).toContain(tree.allowed);
    }
  });

  it('names the allowed directories when a path is refused or missing', async () => {
    for (const path of ['/etc/passwd', join(tree.allowed, 'missing.pdf'), join(tree.allowed, 'link-out.pdf')]) {
      expect((await messageOf(access, path)).message, path).toContain(tree.allowed);
    }
  });
});

describe('listPdfs', () => {
  it('lists PDFs with size and modified time, subdirectories, and symlinks only when they stay inside', async () => {
    const listing = await access.listPdfs();
    expect(listing.directory).toBe(tree.allowed);
    const names = listing.files.map((f) => f.name);
    expect(names).toEqual(['big.pdf', 'link-in.pdf', 'terms.pdf']);
    const terms = listing.files.find((f) => f.name === 'terms.pdf');
    expect(terms).toMatchObject({ path: join(tree.allowed, 'terms.pdf'), size: pdf('allowed').length });
    expect(Number.isNaN(Date.parse(terms?.modified ?? ''))).toBe(false);
    expect(listing.directories).toEqual([join(tree.allowed, 'sub')]);
    expect(listing.nextCursor).toBeUndefined();
    expect((await access.listPdfs('sub')).files.map((f) => f.name)).toEqual(['nested.pdf']);
  });

  it('pages with a cursor', async () => {
    const first = await access.listPdfs(undefined, { limit: 2 });
    expect(first.files.map((f) => f.name)).toEqual(['big.pdf', 'link-in.pdf']);
    expect(first.nextCursor).toBeDefined();
    const second = await access.listPdfs(undefined, { limit: 2, cursor: first.nextCursor });
    expect(second.files.map((f) => f.name)).toEqual(['terms.pdf']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('refuses to list outside the allowed directories', async () => {
    for (const dir of [tree.outside, join(tree.allowed, 'dir-link-out'), '..']) {
      const error = await access.listPdfs(dir).catch((e: unknown) => e);
      expect((error as FileAccessErrorType).code, dir).toBe('PathNotAllowed');
    }
  });
});
