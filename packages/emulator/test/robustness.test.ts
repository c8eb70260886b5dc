// Malformed and hostile requests get a clear error and never take the server down.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { authRequest, camsClient } from './helpers.js';

function rawExchange(port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('raw exchange timed out')));
    socket.on('data', (d) => (text += d.toString('latin1')));
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.write(payload);
  });
}

describe('robustness', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
  });
  afterAll(async () => {
    await emu.close();
  });

  const stillServes = async () => {
    const account = emu.accounts[0]!;
    const res = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(account.custSpaceIds[0]!));
    expect(res.body!.code).toBe('OK');
  };

  it('survives bad percent-escapes, odd methods and garbage auth headers', async () => {
    const bad = await fetch(`${emu.endpoint}/?Action=GetChatappUploadAuthorization&CustSpaceId=%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { Code: string }).Code).toBe('InvalidParameter');
    const del = await fetch(`${emu.endpoint}/?Action=GetChatappUploadAuthorization`, { method: 'DELETE' });
    expect(((await del.json()) as { Code: string }).Code).toBe('UnsupportedHTTPMethod');
    const ossGarbage = await fetch(`${emu.endpoint}/chatapp-isv-terms/x/y.pdf`, {
      method: 'PUT',
      headers: { authorization: 'OSS4-HMAC-SHA256 ,,,=' },
      body: 'x',
    });
    expect(ossGarbage.status).toBe(400);
    const ossBadKey = await fetch(`${emu.endpoint}/chatapp-isv-terms/%ZZ`, { method: 'GET' });
    expect(ossBadKey.status).toBe(400);
    await stillServes();
  });

  it('caps RPC bodies and survives a form body that is not a form', async () => {
    const big = await fetch(`${emu.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetChatappUploadAuthorization&x=' + 'a'.repeat(2 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
    const form = await fetch(`${emu.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '%%%&&&==',
    });
    expect(form.status).toBeGreaterThanOrEqual(400);
    await stillServes();
  });

  it('answers a non-HTTP byte stream with 400 and keeps serving', async () => {
    const port = Number(new URL(emu.endpoint).port);
    const reply = await rawExchange(port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(reply).toContain('400');
    await stillServes();
  });

  it('survives a client that disappears mid-body', async () => {
    const port = Number(new URL(emu.endpoint).port);
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'PUT /chatapp-isv-terms/C1/a.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\nonly-part',
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 20);
      });
    });
    await stillServes();
  });
});
