// The built bin over stdio, as an assistant host launches it: real clients of both eras spawn it with an explicit
// environment (the stdio client passes on only HOME, PATH and a few others), credentials in env, --endpoint on
// the command line. stdout must carry nothing but JSON-RPC; logs go to stderr and never hold a secret.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { server } from './native.js';
import { BIN, company, ERAS, makeTree, newClient, pdf, textOf, type Era, type Tree } from './helpers.js';

let emu: Emulator;
let tree: Tree;

beforeAll(async () => {
  emu = await startEmulator();
  tree = await makeTree();
});

afterAll(async () => {
  await emu.close();
  await tree.remove();
});

function credentials() {
  const account = emu.accounts[0];
  if (account === undefined) throw new Error('emulator has no account');
  return account;
}

/** Connects a client of `era` to a freshly spawned bin; collects its stderr. */
async function spawnClient(era: Era, extraArgs: readonly string[] = []) {
  const { accessKeyId, accessKeySecret } = credentials();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, '--endpoint', emu.endpoint, '--allow-dir', tree.allowed, '--confirm=never', ...extraArgs],
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: accessKeySecret },
    stderr: 'pipe',
  });
  const stderr: string[] = [];
  (transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = newClient(era);
  await client.connect(transport);
  return { client, stderr };
}

describe.each(ERAS)('the bin over stdio with a %s-era client', (era) => {
  it('negotiates its era and round-trips every tool to the emulator', async () => {
    const { client, stderr } = await spawnClient(era);
    const results: unknown[] = [];
    try {
      expect(client.getProtocolEra()).toBe(era);
      const space = credentials().custSpaceIds[era === 'legacy' ? 0 : 1] as string;
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual([...server.TOOL_NAMES]);
      const valid = await client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company(space), filePath: 'terms.pdf' },
      });
      const upload = await client.callTool({
        name: 'upload_isv_terms_file',
        arguments: { custSpaceId: space, filePath: 'terms.pdf' },
      });
      const submit = await client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company(space), isvTerms: 'terms.pdf' },
      });
      const onboard = await client.callTool({
        name: 'onboard_isv_customer',
        arguments: {
          ...company(space),
          contentBase64: pdf(`stdio-${era}`).toString('base64'),
          fileName: `stdio-${era}.pdf`,
        },
      });
      const invalid = await client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), contactMail: 'x', filePath: 'terms.pdf' },
      });
      results.push(valid, upload, submit, onboard, invalid);
      for (const ok of [valid, upload, submit, onboard]) expect(ok.isError ?? false, textOf(ok)).toBe(false);
      expect(upload.structuredContent).toMatchObject({ isvTerms: 'terms.pdf' });
      expect((submit.structuredContent as { code: string }).code).toBe('OK');
      const requestId = (onboard.structuredContent as { submit: { requestId: string } }).submit.requestId;
      expect(emu.submissions().find((s) => s.requestId === requestId)?.isvTerms).toBe(`stdio-${era}.pdf`);
      expect(invalid.isError).toBe(true);
      expect(textOf(invalid)).toContain('contactMail:');
    } finally {
      await client.close();
    }
    const secret = credentials().accessKeySecret;
    expect(JSON.stringify(results)).not.toContain(secret);
    const logs = stderr.join('');
    expect(logs).toContain('"tool":"onboard_isv_customer"');
    expect(logs).not.toContain(secret);
  });

  it('lists only the validation tool with --read-only, and refuses a call to an unlisted one', async () => {
    const { client } = await spawnClient(era, ['--read-only']);
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual([...server.READ_ONLY_TOOL_NAMES]);
      expect(server.READ_ONLY_TOOL_NAMES).toContain('validate_isv_customer_terms');
      expect(server.READ_ONLY_TOOL_NAMES).not.toContain('onboard_isv_customer');
      const before = emu.stats().requests;
      const space = credentials().custSpaceIds[0] as string;
      const args = { ...company(space), contentBase64: pdf('read-only').toString('base64'), fileName: 'ro.pdf' };
      const refused = await client.callTool({ name: 'onboard_isv_customer', arguments: args }).then(
        (result) => result.isError === true,
        () => true,
      );
      expect(refused).toBe(true);
      expect(emu.stats().requests).toBe(before);
    } finally {
      await client.close();
    }
  });
});

describe('stdout of the stdio server', () => {
  it('carries only JSON-RPC messages, even for bad input and failing calls', async () => {
    const sts = emu.issueStsCredentials(credentials().accessKeyId);
    const child = spawn(process.execPath, [BIN, '--endpoint', emu.endpoint, '--allow-dir', tree.allowed, '--yes'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        ALIBABA_CLOUD_ACCESS_KEY_ID: sts.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: sts.accessKeySecret,
        ALIBABA_CLOUD_SECURITY_TOKEN: sts.securityToken,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const space = credentials().custSpaceIds[2] as string;
    const call = (id: number, name: string, args: unknown) => ({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name, arguments: args },
    });
    const messages = [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
      call(3, 'validate_isv_customer_terms', { countryId: 'XX' }),
      call(4, 'onboard_isv_customer', { ...company(space), filePath: 'terms.pdf' }),
      call(5, 'upload_isv_terms_file', { custSpaceId: '999999999999999', filePath: 'terms.pdf' }),
      call(6, 'upload_isv_terms_file', { custSpaceId: space, filePath: '../outside/terms.pdf' }),
      call(7, 'no_such_tool', {}),
      { jsonrpc: '2.0', id: 8, method: 'no/such/method' },
    ];
    for (const message of messages) child.stdin.write(`${JSON.stringify(message)}\n`);
    child.stdin.write('this is not json\n');
    // Wait for the answers to the eight requests, then close stdin so the server exits.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answers; stdout: ${stdout}; stderr: ${stderr}`)), 20_000);
      const check = () => {
        const ids = stdout
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => (JSON.parse(l) as { id?: number }).id);
        if ([1, 2, 3, 4, 5, 6, 7, 8].every((id) => ids.includes(id))) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on('data', check);
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;

    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      const message = JSON.parse(line) as Record<string, unknown>;
      expect(message['jsonrpc'], line).toBe('2.0');
      expect('result' in message || 'error' in message || 'method' in message, line).toBe(true);
    }
    const byId = new Map(
      lines.map((l) => JSON.parse(l) as { id?: number; result?: { isError?: boolean } }).map((m) => [m.id, m]),
    );
    expect(byId.get(4)?.result?.isError ?? false).toBe(false);
    expect(byId.get(5)?.result?.isError).toBe(true);
    expect(byId.get(6)?.result?.isError).toBe(true);
    for (const secret of [sts.accessKeySecret, sts.securityToken]) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
  });
});
