// Arguments shaped to slip past validation, through the built bin on both transports: a `__proto__` key (which
// JSON handling would otherwise drop silently) is refused with an error naming where it was, and oversized or
// deeply nested arguments get an answer that names the field, not the SDK's anonymous element count.
import { spawn } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BIN, company, makeTree, newClient, startHttpBin, textOf, type HttpBin, type Tree } from './helpers.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

let tree: Tree;
let http: HttpBin;

beforeAll(async () => {
  tree = await makeTree();
  http = await startHttpBin(['--allow-dir', tree.allowed], {});
});

afterAll(async () => {
  await http?.stop();
  await tree?.remove();
});

const PROTO_ARGUMENTS = `{"custSpaceId":"293483938849493","custName":"Acme","officeAddress":"1 Road","contactMail":"a@b.example","countryId":"SG","businessDesc":"Marketing","__proto__":{"filePath":"/etc/passwd"}}`;
const protoCall = (id: number) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"validate_isv_customer_terms","arguments":${PROTO_ARGUMENTS}}}`;

describe('a __proto__ key', () => {
  it('is refused over stdio with an error naming where it was, and the server keeps serving', async () => {
    const child = spawn(process.execPath, [BIN, '--allow-dir', tree.allowed], {
      env: { PATH: process.env['PATH'] ?? '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const lines = [
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
      '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      protoCall(2),
      '{"jsonrpc":"2.0","id":3,"method":"tools/list"}',
    ];
    child.stdin.write(`${lines.join('\n')}\n`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answers: ${stdout}`)), 20_000);
      child.stdout.on('data', () => {
        if (stdout.includes('"id":2') && stdout.includes('"id":3')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();
    await exited;
    const answers = stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { id?: number; error?: { code: number; message: string }; result?: unknown });
    const refused = answers.find((a) => a.id === 2);
    expect(refused?.error?.code).toBe(-32602);
    expect(refused?.error?.message).toContain('params.arguments.__proto__');
    expect(answers.find((a) => a.id === 3)?.result).toBeDefined();
  });

  it('is refused over HTTP with 400 and the same error', async () => {
    const response = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: protoCall(7),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { id: number; error: { code: number; message: string } };
    expect(body.id).toBe(7);
    expect(body.error.code).toBe(-32602);
    expect(body.error.message).toContain('params.arguments.__proto__');
  });
});

describe('oversized and deep arguments', () => {
  it('get an answer naming the field', async () => {
    const client = newClient('legacy');
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    try {
      const big = await client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company('1'), filePath: Array.from({ length: 5000 }, (_, i) => i) },
      });
      expect(big.isError).toBe(true);
      expect(textOf(big)).toContain('filePath');
      let nested: unknown = 'x';
      for (let i = 0; i < 300; i += 1) nested = { a: nested };
      const deep = await client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company('1'), fileName: nested },
      });
      expect(deep.isError).toBe(true);
      expect(textOf(deep)).toContain('fileName');
      const row = {
        custSpaceId: '1',
        custName: 'a',
        officeAddress: 'b',
        contactMail: 'c@d.example',
        countryId: 'SG',
        businessDesc: 'e',
        termsFile: 'terms.pdf',
      };
      const many = await client.callTool({
        name: 'start_isv_onboarding_batch',
        arguments: { rows: Array.from({ length: 150 }, () => row) },
      });
      expect(many.isError).toBe(true);
      expect(textOf(many)).toContain('rows');
    } finally {
      await client.close();
    }
  });
});
