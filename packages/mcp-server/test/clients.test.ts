// Confirm before write and progress through every client and transport the server supports: the v2 SDK client in
// both protocol eras over Streamable HTTP (a 2026-07-28 client answers the confirmation as a multi-round-trip
// retry; a 2025-era call over our stateless HTTP cannot carry the question and is refused by policy), and the v1
// SDK client (@modelcontextprotocol/sdk, 2025-11-25) over stdio and over HTTP. Each write is checked in the
// emulator's records: sent exactly once when confirmed, not at all otherwise.
import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1HttpClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema as V1ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BIN, company, makeTree, newClient, startHttpBin, textOf, type HttpBin, type Tree } from './helpers.js';

const KEY = { accessKeyId: 'FAKEclientmatrix0001', accessKeySecret: 'client-matrix-secret-not-real-0001' };
const SPACES = Array.from({ length: 12 }, (_, i) => String(840000000000001 + i));
let nextSpace = 0;
const freshSpace = () => SPACES[nextSpace++] as string;
let emu: Emulator;
let tree: Tree;
let http: HttpBin;

const env = () => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
});

beforeAll(async () => {
  emu = await startEmulator({
    seed: { accounts: [{ ...KEY, subscribed: true, deniedActions: [], custSpaceIds: SPACES }] },
  });
  tree = await makeTree();
  // The default policy: --confirm=ask.
  http = await startHttpBin(['--endpoint', emu.endpoint, '--allow-dir', tree.allowed], env());
});

afterAll(async () => {
  await http?.stop();
  await emu?.close();
  await tree?.remove();
});

const recorded = (space: string) => emu.submissions().filter((s) => s.custSpaceId === space).length;

describe('the v2 client over Streamable HTTP', () => {
  it('2026-07-28: the confirmation travels as input_required; accepted → sent once, with progress per step', async () => {
    const asked: string[] = [];
    const client = newClient('modern', { elicit: { answer: { action: 'accept', content: { confirm: true } }, asked } });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    const space = freshSpace();
    const progress: { progress: number; total?: number | undefined; message?: string | undefined }[] = [];
    try {
      const result = await client.callTool(
        { name: 'onboard_isv_customer', arguments: { ...company(space), filePath: 'terms.pdf' } },
        { onprogress: (p) => progress.push(p) },
      );
      expect(result.isError ?? false, textOf(result)).toBe(false);
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain(space);
      expect(recorded(space)).toBe(1);
      expect(progress.filter((p) => p.total === 4).map((p) => p.progress)).toEqual([1, 2, 3, 4]);
    } finally {
      await client.close();
    }
  });

  it('2026-07-28: declined → nothing sent', async () => {
    const asked: string[] = [];
    const client = newClient('modern', { elicit: { answer: { action: 'decline' }, asked } });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    const space = freshSpace();
    const before = emu.stats().requests;
    try {
      const result = await client.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(space), filePath: 'terms.pdf' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('ConfirmationDeclined');
      expect(emu.stats().requests).toBe(before);
    } finally {
      await client.close();
    }
  });

  it('2025 era over stateless HTTP: refused by the documented policy even with elicitation, nothing sent', async () => {
    const asked: string[] = [];
    const client = newClient('legacy', { elicit: { answer: { action: 'accept', content: { confirm: true } }, asked } });
    await client.connect(new StreamableHTTPClientTransport(new URL(http.url)));
    const space = freshSpace();
    const before = emu.stats().requests;
    try {
      const result = await client.callTool({
        name: 'submit_isv_customer_terms',
        arguments: { ...company(space), isvTerms: 'terms.pdf' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('ConfirmationRequired');
      expect(textOf(result)).toContain('--confirm=never');
      expect(asked).toHaveLength(0);
      expect(emu.stats().requests).toBe(before);
    } finally {
      await client.close();
    }
  });
});

describe('the v1 SDK client (@modelcontextprotocol/sdk)', () => {
  function v1Client(answer: 'accept' | 'decline' | 'none', asked: string[]) {
    const client = new V1Client(
      { name: 'v1-test', version: '1.0.0' },
      answer === 'none' ? {} : { capabilities: { elicitation: { form: {} } } },
    );
    if (answer !== 'none') {
      client.setRequestHandler(V1ElicitRequestSchema, async (request) => {
        asked.push(request.params.message);
        return answer === 'accept' ? { action: 'accept', content: { confirm: true } } : { action: 'decline' };
      });
    }
    return client;
  }

  const stdio = () =>
    new V1StdioClientTransport({
      command: process.execPath,
      args: [BIN, '--endpoint', emu.endpoint, '--allow-dir', tree.allowed],
      env: { PATH: process.env['PATH'] ?? '', ...env() },
      stderr: 'pipe',
    });

  it('over stdio: accepted → sent once with progress in order; declined → nothing sent', async () => {
    const asked: string[] = [];
    const accepting = v1Client('accept', asked);
    await accepting.connect(stdio());
    const space = freshSpace();
    const progress: number[] = [];
    try {
      const result = await accepting.callTool(
        {
          name: 'onboard_isv_customer',
          arguments: { ...company(space), custSpaceId: Number(space), filePath: 'terms.pdf' },
        },
        undefined,
        { onprogress: (p) => progress.push(p.progress) },
      );
      expect(result.isError ?? false, textOf(result)).toBe(false);
      expect(asked).toHaveLength(1);
      expect(progress).toEqual([1, 2, 3, 4]);
      expect(recorded(space)).toBe(1);
    } finally {
      await accepting.close();
    }
    const declining = v1Client('decline', asked);
    await declining.connect(stdio());
    const other = freshSpace();
    const before = emu.stats().requests;
    try {
      const result = await declining.callTool({
        name: 'onboard_isv_customer',
        arguments: { ...company(other), filePath: 'terms.pdf' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain('ConfirmationDeclined');
      expect(emu.stats().requests).toBe(before);
    } finally {
      await declining.close();
    }
  });

  it('without elicitation, over stdio and HTTP: the documented refusal, nothing sent', async () => {
    const before = emu.stats().requests;
    for (const transport of [stdio(), new V1HttpClientTransport(new URL(http.url))]) {
      const client = v1Client('none', []);
      await client.connect(transport);
      try {
        const result = await client.callTool({
          name: 'onboard_isv_customer',
          arguments: { ...company(freshSpace()), filePath: 'terms.pdf' },
        });
        expect(result.isError).toBe(true);
        expect(textOf(result)).toContain('ConfirmationRequired');
        expect(textOf(result)).toContain('--yes');
      } finally {
        await client.close();
      }
    }
    expect(emu.stats().requests).toBe(before);
  });
});
