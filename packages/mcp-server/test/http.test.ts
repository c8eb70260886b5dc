// Streamable HTTP, served by the built bin (`--http`): real clients of both eras round-trip through it to the
// emulator, and the transport's guards hold: Host and Origin checks (403), the bearer token (401), one path.
import { request } from 'node:http';
import { connect } from 'node:net';

import { startEmulator, type Emulator } from '@chatapp-isv/emulator';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { server } from './native.js';
import { company, ERAS, makeTree, newClient, pdf, startHttpBin, textOf, type HttpBin, type Tree } from './helpers.js';

let emu: Emulator;
let tree: Tree;
let open: HttpBin;
let guarded: HttpBin;
const TOKEN = 'test-bearer-token-0123456789';

function credentialsEnv(): Record<string, string> {
  const account = emu.accounts[0];
  if (account === undefined) throw new Error('emulator has no account');
  return { ALIBABA_CLOUD_ACCESS_KEY_ID: account.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: account.accessKeySecret };
}

/** A raw POST with full control over Host, Origin and Authorization. */
function post(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

beforeAll(async () => {
  emu = await startEmulator();
  tree = await makeTree();
  const args = ['--endpoint', emu.endpoint, '--allow-dir', tree.allowed, '--yes'];
  [open, guarded] = await Promise.all([
    startHttpBin(
      [...args, '--allowed-host', 'Trusted.Example', '--allowed-origin', 'App.Trusted.Example'],
      credentialsEnv(),
    ),
    startHttpBin(args, { ...credentialsEnv(), CHATAPP_ISV_MCP_TOKEN: TOKEN }),
  ]);
});

afterAll(async () => {
  await Promise.all([open?.stop(), guarded?.stop()]);
  await emu?.close();
  await tree?.remove();
});

describe.each(ERAS)('HTTP with a %s-era client', (era) => {
  it('lists, validates and onboards through the bin to the emulator', async () => {
    const client = newClient(era);
    await client.connect(new StreamableHTTPClientTransport(new URL(open.url)));
    try {
      expect(client.getProtocolEra()).toBe(era);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual([...server.TOOL_NAMES]);
      const space = emu.accounts[0]?.custSpaceIds[era === 'legacy' ? 0 : 1] as string;
      const bad = await client.callTool({
        name: 'validate_isv_customer_terms',
        arguments: { ...company(space), countryId: 'XX' },
      });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toContain('countryId:');
      const onboard = await client.callTool({
        name: 'onboard_isv_customer',
        arguments: {
          ...company(space),
          contentBase64: pdf(`http-${era}`).toString('base64'),
          fileName: `http-${era}.pdf`,
        },
      });
      expect(onboard.isError ?? false, textOf(onboard)).toBe(false);
      const requestId = (onboard.structuredContent as { submit: { requestId: string } }).submit.requestId;
      expect(emu.submissions().some((s) => s.requestId === requestId && s.isvTerms === `http-${era}.pdf`)).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('accepts a client that sends the bearer token', async () => {
    const client = newClient(era);
    await client.connect(
      new StreamableHTTPClientTransport(new URL(guarded.url), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
    try {
      expect((await client.listTools()).tools).toHaveLength(server.TOOL_NAMES.length);
    } finally {
      await client.close();
    }
  });
});

describe('HTTP guards', () => {
  it('answers a well-formed initialize', async () => {
    const ok = await post(open.url, {}, INITIALIZE);
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('chatapp-isv-mcp');
  });

  it('refuses a foreign Host header (DNS rebinding) and a foreign Origin with 403', async () => {
    const port = new URL(open.url).port;
    expect((await post(open.url, { host: `evil.example:${port}` }, INITIALIZE)).status).toBe(403);
    expect((await post(open.url, { origin: 'http://evil.example' }, INITIALIZE)).status).toBe(403);
    expect((await post(open.url, { origin: 'null' }, INITIALIZE)).status).toBe(403);
    expect((await post(open.url, { origin: `http://localhost:${port}` }, INITIALIZE)).status).toBe(200);
  });

  it('accepts the extra Host and Origin names it was given, whatever their letter case', async () => {
    const port = new URL(open.url).port;
    expect((await post(open.url, { host: `trusted.example:${port}` }, INITIALIZE)).status).toBe(200);
    expect((await post(open.url, { origin: 'https://app.trusted.example' }, INITIALIZE)).status).toBe(200);
  });

  it('requires the bearer token when one is configured', async () => {
    const none = await post(guarded.url, {}, INITIALIZE);
    expect(none.status).toBe(401);
    expect((await post(guarded.url, { authorization: 'Bearer wrong-token' }, INITIALIZE)).status).toBe(401);
    expect((await post(guarded.url, { authorization: `Bearer ${TOKEN}` }, INITIALIZE)).status).toBe(200);
  });

  it('serves only /mcp', async () => {
    const other = new URL(open.url);
    other.pathname = '/other';
    expect((await post(other.toString(), {}, INITIALIZE)).status).toBe(404);
  });

  it('keeps no sessions: GET and DELETE answer 405', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(open.url, {
        method,
        headers: { accept: 'text/event-stream', 'mcp-session-id': 'made-up' },
      });
      expect(response.status, method).toBe(405);
      await response.body?.cancel();
    }
  });

  it('survives malformed requests', async () => {
    const garbage = await post(open.url, {}, '{not json');
    expect(garbage.status).toBeGreaterThanOrEqual(400);
    expect(garbage.status).toBeLessThan(500);
    expect((await post(open.url, {}, INITIALIZE)).status).toBe(200);
  });

  it('answers 400 to a request-target that is not a URL, and keeps serving', async () => {
    const target = new URL(open.url);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(target.port), target.hostname, () => {
        socket.end(`GET //[ HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect((await post(open.url, {}, INITIALIZE)).status).toBe(200);
  });

  it('logs to stderr without the AccessKey secret or the bearer token', () => {
    const secret = credentialsEnv()['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] as string;
    const logs = open.stderr.join('') + guarded.stderr.join('');
    expect(logs).toContain('"message":"tool call"');
    expect(logs).not.toContain(secret);
    expect(logs).not.toContain(TOKEN);
  });
});
