// The bin as another process would use it: first stdout line is JSON, it serves, and SIGTERM stops it cleanly.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin/chatapp-isv-emulator.js', import.meta.url));

function start(args: string[]): {
  child: ChildProcess;
  firstLine: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += String(d)));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', () => reject(new Error(`exited before printing: ${err}`)));
  });
  firstLine.catch(() => undefined); // tests that expect an early exit never read the line
  return { child, firstLine, exit, stderr: () => err };
}

describe('chatapp-isv-emulator bin', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it('prints {endpoint, accounts} first, serves, and exits 0 on SIGTERM', async () => {
    const run = start(['--port', '0']);
    children.push(run.child);
    const info = JSON.parse(await run.firstLine) as {
      endpoint: string;
      accounts: Array<{ accessKeyId: string; custSpaceIds: string[] }>;
    };
    expect(info.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.accounts.length).toBeGreaterThanOrEqual(4);
    expect(info.accounts[0]!.custSpaceIds.length).toBeGreaterThanOrEqual(3);
    const stats = await fetch(`${info.endpoint}/__emulator/stats`);
    expect(stats.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
  });

  it('loads --seed FILE with fixed keys and stops on SIGINT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-seed-'));
    try {
      const seedPath = join(dir, 'seed.json');
      const seed = {
        accounts: [
          {
            accessKeyId: 'FAKE-KEY-ID-FOR-TESTS',
            accessKeySecret: 'fake-secret-for-tests',
            subscribed: true,
            deniedActions: [],
            custSpaceIds: ['777'],
          },
        ],
        rateLimitPerSecond: 3,
      };
      await writeFile(seedPath, JSON.stringify(seed));
      const run = start(['--seed', seedPath]);
      children.push(run.child);
      const info = JSON.parse(await run.firstLine) as { accounts: Array<{ accessKeyId: string }> };
      expect(info.accounts.map((a) => a.accessKeyId)).toEqual(['FAKE-KEY-ID-FOR-TESTS']);
      run.child.kill('SIGINT');
      expect(await run.exit).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a clear message on a bad argument or seed', async () => {
    const badArg = start(['--port', 'eighty']);
    children.push(badArg.child);
    expect(await badArg.exit).toBe(1);
    expect(badArg.stderr()).toContain('--port');
    const badSeed = start(['--seed', join(tmpdir(), 'no-such-seed-file.json')]);
    children.push(badSeed.child);
    expect(await badSeed.exit).toBe(1);
    expect(badSeed.stderr()).toContain('cannot read seed file');
  });

  it('never echoes a seed file secret when the file is not valid JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emu-seed-'));
    try {
      const seedPath = join(dir, 'broken.json');
      // An unquoted secret: V8's JSON.parse message would quote the text around it.
      await writeFile(
        seedPath,
        '{"accounts":[{"accessKeyId":"FAKE-KEY-ID-1","accessKeySecret": fake-secret-must-not-leak, "subscribed":true}]}',
      );
      const run = start(['--seed', seedPath]);
      children.push(run.child);
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toContain('is not valid JSON');
      expect(run.stderr()).not.toContain('must-not-leak');
      expect(run.stderr()).not.toContain('fake-secret');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
