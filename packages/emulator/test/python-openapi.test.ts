// Alibaba's Python OpenAPI core (alibabacloud-tea-openapi, Tea generation) against the emulator: generic RPC calls
// through call_api, signed the SDK's default way (ACS3-HMAC-SHA256). The venv is built by the shared helper on
// first use, so a clean machine installs the pinned clients here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { pythonWith } from './python/env.js';
import { TEA_OPENAPI_PINS } from './python/pins.js';
import { runDriver } from './python/run-driver.js';

describe('alibabacloud-tea-openapi (Python) generic calls', () => {
  let emu: Emulator;
  let python: string;
  beforeAll(async () => {
    python = pythonWith('tea-openapi', TEA_OPENAPI_PINS);
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
  }, 600_000);
  afterAll(async () => {
    await emu.close();
  });

  function job(calls: unknown[]) {
    const account = emu.accounts[0]!;
    return {
      endpoint: emu.endpoint.replace(/^http:\/\//, ''),
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      calls,
    };
  }

  it('issues upload credentials to a correctly signed call and refuses a wrong secret', async () => {
    const space = emu.accounts[0]!.custSpaceIds[0]!;
    const call = { action: 'GetChatappUploadAuthorization', query: { CustSpaceId: space } };
    const outcomes = await runDriver(
      python,
      'openapi-generic.py',
      job([
        { id: 'signed', ...call },
        { id: 'wrong-secret', ...call, secret: 'not-the-secret-at-all' },
      ]),
    );
    const signed = outcomes.get('signed')!;
    expect(signed.error).toBeUndefined();
    expect(signed.ok).toBe(true);
    const body = (signed.body as { body: { Code: string; Data: { AccessKeyId: string } } }).body;
    expect(body.Code).toBe('OK');
    expect(body.Data.AccessKeyId).toMatch(/^STS\./);
    expect(outcomes.get('wrong-secret')).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch', status: 400 });
  });
});
