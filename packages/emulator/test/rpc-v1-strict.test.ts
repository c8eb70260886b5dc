// The legacy HMAC-SHA1 RPC signature covers parameters only, never headers: the action and version that decide
// what runs must therefore be signed parameters, and the common parameters must be the documented ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { callAction, errorCode, openApiClient, startWithSpace } from './helpers.js';
import { codeOf, rpcV1Request } from './raw-signing.js';

describe('HMAC-SHA1 RPC strictness', () => {
  let emu: Emulator;
  let account: Emulator['accounts'][number];
  let space: string;
  beforeAll(async () => ({ emu, account, space } = await startWithSpace()));
  afterAll(() => emu.close());

  const authorize = (options: Parameters<typeof rpcV1Request>[3] = {}, extra: Record<string, string> = {}) =>
    rpcV1Request(
      emu.endpoint,
      account,
      { Action: 'GetChatappUploadAuthorization', CustSpaceId: space, ...extra },
      options,
    );

  it('accepts a complete hand-signed request (Format json or JSON)', async () => {
    expect(codeOf(await authorize())).toBe('OK');
    expect(codeOf(await authorize({}, { Format: 'JSON' }))).toBe('OK');
  });

  it('routes only by the signed Action and Version parameters, never by an unsigned header alone', async () => {
    const noAction = await authorize({
      omit: ['Action'],
      headers: { 'x-acs-action': 'GetChatappUploadAuthorization' },
    });
    expect(noAction.status).toBe(400);
    expect(codeOf(noAction)).toBe('MissingParameter');
    expect(noAction.text).toContain('Action');
    const noVersion = await authorize({ omit: ['Version'], headers: { 'x-acs-version': '2020-06-06' } });
    expect(codeOf(noVersion)).toBe('MissingParameter');
    expect(noVersion.text).toContain('Version');
  });

  it('refuses an unsigned x-acs-action header that names another action than the signed parameter', async () => {
    const v2 = openApiClient(emu, account, { signatureAlgorithm: 'v2' });
    expect(
      await errorCode(
        callAction(
          v2,
          'GetChatappUploadAuthorization',
          { CustSpaceId: space },
          { 'x-acs-action': 'SubmitIsvCustomerTerms' },
        ),
      ),
    ).toBe('InvalidParameter');
  });

  it('requires Format=JSON, the only format the emulator answers in', async () => {
    const missing = await authorize({ omit: ['Format'] });
    expect(codeOf(missing)).toBe('MissingParameter');
    expect(missing.text).toContain('Format');
    const xml = await authorize({}, { Format: 'XML' });
    expect(codeOf(xml)).toBe('InvalidParameter');
    expect(xml.text).toContain('Format');
  });

  it('refuses a wrong or missing SignatureMethod or SignatureVersion', async () => {
    expect(codeOf(await authorize({}, { SignatureMethod: 'HMAC-SHA256' }))).toBe('IncompleteSignature');
    expect(codeOf(await authorize({ omit: ['SignatureMethod'] }))).toBe('IncompleteSignature');
    expect(codeOf(await authorize({}, { SignatureVersion: '2.0' }))).toBe('IncompleteSignature');
    expect(codeOf(await authorize({ omit: ['SignatureVersion'] }))).toBe('IncompleteSignature');
  });

  it('refuses a missing timestamp or nonce with their own codes', async () => {
    expect(codeOf(await authorize({ omit: ['Timestamp'] }))).toBe('MissingTimestamp');
    expect(codeOf(await authorize({ omit: ['SignatureNonce'] }))).toBe('MissingSignatureNonce');
  });
});
