// Confinement under a concurrent swap: someone who can write inside an allowed directory replaces what we checked
// between our checks and our open: a directory on the path with a symlink to the outside, or the PDF with a FIFO
// (whose blocking open would hang the call forever). A child process flips them as fast as it can while the server
// reads; whatever it reads must come from inside, and every read must finish.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, it } from 'vitest';

import type { FileAccess } from '../dist/index.js';
import { server } from './native.js';
import { makeTree, pdf, type Tree } from './helpers.js';

const { createFileAccess } = server;

const ATTEMPTS = 1500;

// Renames only, so every moment sees `flip` as the real directory, as the symlink out, or as missing.
const SWAPPER = `
const { renameSync } = require('node:fs');
const [dir, held, link] = process.argv.slice(1);
process.stdout.write('ready\\n');
for (;;) {
  try { renameSync(dir, held); renameSync(link, dir); renameSync(dir, link); renameSync(held, dir); } catch {}
}
`;

let tree: Tree;
let access: FileAccess;
let swapper: ChildProcess | undefined;

/** Starts the swapper flipping `name` with `name-link` inside the allowed directory; resolves once it runs. */
async function startSwapper(name: string): Promise<void> {
  const at = (suffix: string) => join(tree.allowed, `${name}${suffix}`);
  const child = spawn(process.execPath, ['-e', SWAPPER, at(''), at('-held'), at('-link')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  swapper = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('error', reject);
  });
}

async function stopSwapper(): Promise<void> {
  const child = swapper;
  swapper = undefined;
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  tree = await makeTree();
  await mkdir(join(tree.allowed, 'flip'));
  await writeFile(join(tree.allowed, 'flip', 'terms.pdf'), pdf('inside'));
  await symlink(tree.outside, join(tree.allowed, 'flip-link'));
  await writeFile(join(tree.allowed, 'fifo.pdf'), pdf('inside'));
  const made = spawnSync('mkfifo', [join(tree.allowed, 'fifo.pdf-link')]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr.toString()}`);
  access = createFileAccess({ allowedDirs: [tree.allowed], maxBytes: 4096 });
});

afterAll(async () => {
  await stopSwapper();
  await tree.remove();
});

it('never returns a file from outside while a directory on the path is swapped for a symlink out', async () => {
  await startSwapper('flip');
  const outside = pdf('outside');
  let leaked = 0;
  for (let i = 0; i < ATTEMPTS; i += 1) {
    const file = await access.readPdf('flip/terms.pdf').catch(() => undefined);
    if (file !== undefined && file.bytes.equals(outside)) leaked += 1;
  }
  await stopSwapper();
  expect(leaked).toBe(0);
});

it('never blocks on a FIFO swapped in for the PDF, and refuses it', async () => {
  await startSwapper('fifo.pdf');
  const codes = new Set<string>();
  for (let i = 0; i < ATTEMPTS; i += 1) {
    const file = await access.readPdf('fifo.pdf').catch((error: unknown) => {
      codes.add((error as { code?: string }).code ?? 'unknown');
      return undefined;
    });
    if (file !== undefined) expect(file.bytes.equals(pdf('inside'))).toBe(true);
  }
  await stopSwapper();
  expect([...codes].filter((code) => !['FileNotFound', 'NotAFile', 'PathNotAllowed'].includes(code))).toEqual([]);
});
