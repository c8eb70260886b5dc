// Fault injection (programmatic and over HTTP) and the inspection endpoints another process would use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { authRequest, camsClient, errorCode, ossFromAuthorization, pdfBytes, termsRequest } from './helpers.js';

describe('fault injection and inspection', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
  });
  afterAll(async () => {
    await emu.close();
  });

  const client = () => camsClient(emu, emu.accounts[0]!);
  const space = () => emu.accounts[0]!.custSpaceIds[0]!;

  it('answers injected 5xx for the next N calls only, then recovers', async () => {
    emu.setFaults('GetChatappUploadAuthorization', { errorCode: 'ServiceUnavailable', count: 2 });
    for (let i = 0; i < 2; i++) {
      try {
        await client().getChatappUploadAuthorization(authRequest(space()));
        throw new Error('expected ServiceUnavailable');
      } catch (error) {
        expect(error as { code: string; statusCode: number }).toMatchObject({
          code: 'ServiceUnavailable',
          statusCode: 503,
        });
      }
    }
    expect((await client().getChatappUploadAuthorization(authRequest(space()))).body!.code).toBe('OK');
    emu.setFaults('GetChatappUploadAuthorization', { errorCode: 'InternalError', errorRate: 1, count: 1 });
    try {
      await client().getChatappUploadAuthorization(authRequest(space()));
      throw new Error('expected InternalError');
    } catch (error) {
      expect(error as { code: string; statusCode: number }).toMatchObject({ code: 'InternalError', statusCode: 500 });
    }
  });

  it('resets connections, forces throttling and adds latency', async () => {
    emu.setFaults('SubmitIsvCustomerTerms', { resetRate: 1, count: 1 });
    const reset = await errorCode(client().submitIsvCustomerTerms(termsRequest(space())));
    expect(reset).toMatch(/ECONNRESET|socket hang up|ECONNREFUSED|EPIPE/);
    emu.setFaults('SubmitIsvCustomerTerms', { throttle: true, count: 1 });
    expect(await errorCode(client().submitIsvCustomerTerms(termsRequest(space())))).toBe('System.LimitControl');
    emu.setFaults('GetChatappUploadAuthorization', { latencyMs: 50, count: 1 });
    expect((await client().getChatappUploadAuthorization(authRequest(space()))).body!.code).toBe('OK');
    const stats = emu.stats().operations.SubmitIsvCustomerTerms;
    expect(stats.errors.ConnectionReset).toBe(1);
    expect(stats.errors['System.LimitControl']).toBe(1);
  });

  it('injects faults into OSS operations too, and clearFaults removes them', async () => {
    const auth = await client().getChatappUploadAuthorization(authRequest(space()));
    const data = auth.body!.data!;
    const oss = ossFromAuthorization(data);
    emu.setFaults('PutObject', { errorCode: 'InternalError' });
    expect(await errorCode(oss.put(`${data.dir}/fault.pdf`, pdfBytes()))).toBe('InternalError');
    emu.clearFaults('PutObject');
    expect((await oss.put(`${data.dir}/fault.pdf`, pdfBytes())).res.status).toBe(200);
    emu.setFaults('HeadObject', { throttle: true });
    emu.clearFaults();
    expect((await oss.head(`${data.dir}/fault.pdf`)).res.status).toBe(200);
  });

  it('rejects invalid fault specs with a message naming the field', () => {
    expect(() => emu.setFaults('PutObject', { errorRate: 2 })).toThrow(/errorRate/);
    expect(() => emu.setFaults('Nope' as 'PutObject', {})).toThrow(/operation/);
  });

  it('accepts faults over HTTP (POST /__emulator/faults) and validates them', async () => {
    const post = (body: string) =>
      fetch(`${emu.endpoint}/__emulator/faults`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    const ok = await post(
      JSON.stringify({ operation: 'GetChatappUploadAuthorization', errorCode: 'ServiceUnavailable', count: 1 }),
    );
    expect(ok.status).toBe(200);
    expect(await errorCode(client().getChatappUploadAuthorization(authRequest(space())))).toBe('ServiceUnavailable');
    expect((await client().getChatappUploadAuthorization(authRequest(space()))).body!.code).toBe('OK');
    const bad = await post(JSON.stringify({ operation: 'PutObject', resetRate: 'often' }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('resetRate');
    const notJson = await post('{not json');
    expect(notJson.status).toBe(400);
    const cleared = await fetch(`${emu.endpoint}/__emulator/faults?operation=PutObject`, { method: 'DELETE' });
    expect(cleared.status).toBe(200);
  });

  it('serves submissions, stats and objects as JSON, matching the programmatic API', async () => {
    const auth = await client().getChatappUploadAuthorization(authRequest(space()));
    const data = auth.body!.data!;
    await ossFromAuthorization(data).put(`${data.dir}/inspect.pdf`, pdfBytes());
    await client().submitIsvCustomerTerms(termsRequest(space(), 'inspect.pdf'));
    await client().submitIsvCustomerTerms(termsRequest(space(), 'inspect.pdf', { custName: 'Renamed Ltd' }));

    const submissions = (await (await fetch(`${emu.endpoint}/__emulator/submissions`)).json()) as Array<{
      version: number;
      custName: string;
    }>;
    expect(submissions).toEqual(emu.submissions());
    expect(submissions.map((s) => s.version)).toEqual([1, 2]);
    expect(submissions[1]!.custName).toBe('Renamed Ltd');

    const stats = (await (await fetch(`${emu.endpoint}/__emulator/stats`)).json()) as ReturnType<Emulator['stats']>;
    expect(stats).toEqual(emu.stats());
    expect(stats.operations.SubmitIsvCustomerTerms.succeeded).toBe(2);
    expect(stats.operations.GetChatappUploadAuthorization.errors.ServiceUnavailable).toBeGreaterThanOrEqual(3);
    expect(stats.requests).toBeGreaterThan(stats.rejected);

    const objects = (await (await fetch(`${emu.endpoint}/__emulator/objects`)).json()) as unknown[];
    expect(objects).toEqual(emu.objects());
    expect(JSON.stringify(objects)).not.toContain('PDF');

    // Nothing inspectable carries a secret: not the accounts', not the upload credentials' secret or token.
    const everything = JSON.stringify([submissions, stats, objects, emu.submissions(), emu.stats(), emu.objects()]);
    for (const secret of [data.accessKeySecret!, data.securityToken!, ...emu.accounts.map((a) => a.accessKeySecret)]) {
      expect(everything).not.toContain(secret);
    }

    const missing = await fetch(`${emu.endpoint}/__emulator/nothing-here`);
    expect(missing.status).toBe(404);
  });
});
