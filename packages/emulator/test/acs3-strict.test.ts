// ACS3-HMAC-SHA256 held to its specification: the headers that make a request unique (host, action, version, date,
// nonce, body hash) must all be signed, the body hash must be sent and match, and a form body must have its
// content-type signed, or a parameter could ride along outside the signature. A body-less request may carry an
// unsigned content-type (the V3 documentation does not make it a signed header; aiohttp adds one).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { startWithSpace } from './helpers.js';
import { acs3Request, codeOf } from './raw-signing.js';

const FORM = 'application/x-www-form-urlencoded';

describe('ACS3 strictness', () => {
  let emu: Emulator;
  let account: Emulator['accounts'][number];
  let space: string;
  beforeAll(async () => ({ emu, account, space } = await startWithSpace()));
  afterAll(() => emu.close());

  const authorize = (
    options: Parameters<typeof acs3Request>[4] = {},
    query: Record<string, string> = { CustSpaceId: space },
  ) => acs3Request(emu.endpoint, account, 'GetChatappUploadAuthorization', query, options);

  it('accepts a complete hand-signed request, in the query or in a signed form body', async () => {
    expect(codeOf(await authorize())).toBe('OK');
    const form = await authorize({ body: `CustSpaceId=${space}`, headers: { 'content-type': FORM } }, {});
    expect(codeOf(form)).toBe('OK');
  });

  it('requires x-acs-content-sha256', async () => {
    const res = await authorize({ omit: ['x-acs-content-sha256'] });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('IncompleteSignature');
    expect(res.text).toContain('x-acs-content-sha256');
  });

  it('requires the x-acs-action and x-acs-version headers, even when Action and Version are in the query', async () => {
    for (const name of ['x-acs-action', 'x-acs-version']) {
      const query = { CustSpaceId: space, Action: 'GetChatappUploadAuthorization', Version: '2020-06-06' };
      const res = await authorize({ omit: [name] }, query);
      expect(codeOf(res)).toBe('IncompleteSignature');
      expect(res.text).toContain(name);
    }
  });

  it('refuses a SignedHeaders list that leaves out host, date, nonce or the body hash', async () => {
    for (const name of ['host', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256', 'x-acs-action']) {
      const res = await authorize({ sign: (n) => n !== name });
      expect(codeOf(res)).toBe('IncompleteSignature');
      expect(res.text).toContain(name);
    }
  });

  it('refuses a form body whose content-type is not signed', async () => {
    const res = await authorize(
      { body: `CustSpaceId=${space}`, headers: { 'content-type': FORM }, sign: (n) => n !== 'content-type' },
      {},
    );
    expect(codeOf(res)).toBe('IncompleteSignature');
    expect(res.text).toContain('content-type');
    expect(emu.stats().operations.GetChatappUploadAuthorization.errors.IncompleteSignature).toBeGreaterThan(0);
  });

  it('accepts an unsigned content-type on a request without a body, as aiohttp sends one', async () => {
    const res = await authorize({
      headers: { 'content-type': 'application/octet-stream' },
      sign: (n) => n !== 'content-type',
    });
    expect(codeOf(res)).toBe('OK');
  });

  it('refuses a form body that does not match the signed x-acs-content-sha256', async () => {
    const signedFor = `CustSpaceId=${space}`;
    const res = await authorize(
      {
        body: `CustSpaceId=${account.custSpaceIds[1]!}`,
        headers: { 'content-type': FORM, 'x-acs-content-sha256': createHash('sha256').update(signedFor).digest('hex') },
      },
      {},
    );
    expect(codeOf(res)).toBe('SignatureDoesNotMatch');
  });

  it('refuses an x-acs-accesskey-id header that names another key than the Credential', async () => {
    const sts = emu.issueStsCredentials(account.accessKeyId, 600);
    const ok = await acs3Request(
      emu.endpoint,
      sts,
      'GetChatappUploadAuthorization',
      { CustSpaceId: space },
      {
        headers: { 'x-acs-accesskey-id': sts.accessKeyId, 'x-acs-security-token': sts.securityToken },
      },
    );
    expect(codeOf(ok)).toBe('OK');
    const res = await acs3Request(
      emu.endpoint,
      sts,
      'GetChatappUploadAuthorization',
      { CustSpaceId: space },
      {
        headers: { 'x-acs-accesskey-id': account.accessKeyId, 'x-acs-security-token': sts.securityToken },
      },
    );
    expect(codeOf(res)).toBe('IncompleteSignature');
  });

  it('refuses an Action parameter that disagrees with the x-acs-action header', async () => {
    const res = await authorize({}, { CustSpaceId: space, Action: 'SubmitIsvCustomerTerms' });
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('InvalidParameter');
    expect(res.text).toContain('Action');
  });
});
