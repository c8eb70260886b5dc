// No AccessKey secret, security token or signature in any error message, cause, serialized error or log line.
// Failures are produced by the real emulator (wrong secret, denial, resets, 5xx, throttling, expired OSS token,
// refused connection) with both permanent and STS credentials; each error is serialized every way a user might
// (util.inspect with hidden fields, JSON, String, the cause, the stack) and searched for the secrets.
import { inspect } from 'node:util';
import type { Emulator } from '@chatapp-isv/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  createIsvTermsClient,
  createQuotaLimiter,
  OssError,
  redactSecrets,
  REDACTED,
  type IsvTermsClient,
} from '../src/index.js';
import { sanitizeError } from '../src/redact.js';
import { clientFor, emulator, permitted, recordingLogger, type RecordingLogger } from './helpers/emulator.js';
import { samplePdf, validTerms } from './helpers/fixtures.js';

let emu: Emulator;

beforeAll(async () => {
  emu = await emulator({ authorizationTtlSeconds: 1 });
});

afterAll(async () => {
  await emu.close();
});

/** Every rendering of an error we can think of, joined. */
function renderings(error: unknown): string {
  const own =
    error instanceof Error
      ? Object.fromEntries(
          Object.getOwnPropertyNames(error).map((key) => [key, (error as unknown as Record<string, unknown>)[key]]),
        )
      : {};
  const cause = error instanceof Error ? error.cause : undefined;
  return [
    inspect(error, { depth: Infinity, showHidden: true }),
    JSON.stringify(error),
    JSON.stringify(own, (_key, value: unknown) =>
      value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
    ),
    String(error),
    error instanceof Error ? (error.stack ?? '') : '',
    String(cause),
    inspect(cause, { depth: Infinity, showHidden: true }),
    cause instanceof Error ? (cause.stack ?? '') : '',
  ].join('\n');
}

/** Secret-shaped text that must never appear: our values plus any signature or security-token header. */
function expectClean(text: string, secrets: string[]): void {
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/Signature=[0-9a-f]{16,}/i);
  expect(text).not.toMatch(/x-(acs|oss)-security-token["']?\s*[:=]\s*["']?[A-Za-z0-9]/i);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

function submitInput(custSpaceId: string, fileName = 'terms.pdf') {
  const { isvTerms: _unused, ...company } = validTerms(custSpaceId);
  void _unused;
  return { ...company, termsFile: samplePdf(), fileName };
}

describe('redaction', () => {
  it('keeps the AccessKey secret and STS token out of every ChatApp failure and log line', async () => {
    const account = permitted(emu);
    const sts = emu.issueStsCredentials(account.accessKeyId, 600);
    const failures: { error: unknown; logger: RecordingLogger }[] = [];
    const run = async (
      make: (logger: RecordingLogger) => IsvTermsClient,
      call: (client: IsvTermsClient) => Promise<unknown>,
    ) => {
      const logger = recordingLogger();
      failures.push({ error: await caught(call(make(logger))), logger });
    };
    const space = account.custSpaceIds[0] ?? '';
    for (const credentials of [account, sts]) {
      const fast = (logger: RecordingLogger) =>
        clientFor(emu, credentials, { logger, retry: { maxAttempts: 2, baseDelayMs: 5 } });
      // Wrong secret: the signature is computed with it and refused.
      await run(
        (logger) => clientFor(emu, { ...credentials, accessKeySecret: `${credentials.accessKeySecret}x` }, { logger }),
        (client) => client.getUploadAuthorization({ custSpaceId: space }),
      );
      // Resets, 5xx and throttling until retries run out.
      emu.setFaults('GetChatappUploadAuthorization', { resetRate: 1 });
      await run(fast, (client) => client.getUploadAuthorization({ custSpaceId: space }));
      emu.setFaults('GetChatappUploadAuthorization', { errorCode: 'InternalError' });
      await run(fast, (client) => client.getUploadAuthorization({ custSpaceId: space }));
      emu.setFaults('SubmitIsvCustomerTerms', { throttle: true });
      await run(fast, (client) => client.submitCustomerTerms(submitInput(space)));
      emu.clearFaults();
      // A foreign space.
      await run(fast, (client) =>
        client.getUploadAuthorization({ custSpaceId: emu.accounts[3]?.custSpaceIds[0] ?? '' }),
      );
    }
    expect(failures).toHaveLength(10);
    const secrets = [account.accessKeySecret, sts.accessKeySecret, sts.securityToken];
    for (const { error, logger } of failures) {
      expectClean(renderings(error), secrets);
      expectClean(logger.text(), secrets);
    }
  });

  it('keeps the temporary OSS secret and token out of OSS failures', async () => {
    const account = permitted(emu);
    const space = account.custSpaceIds[1] ?? '';
    const logger = recordingLogger();
    const client = clientFor(emu, account, { logger, retry: { maxAttempts: 2, baseDelayMs: 5 } });
    const auth = await client.getUploadAuthorization({ custSpaceId: space });
    const errors: unknown[] = [];
    emu.setFaults('PutObject', { resetRate: 1 });
    errors.push(await caught(client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'a.pdf' })));
    emu.setFaults('PutObject', { errorCode: 'ServiceUnavailable' });
    errors.push(await caught(client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'b.pdf' })));
    // Held past the token's lifetime, twice: the refresh happens once, then the expiry is reported.
    emu.setFaults('PutObject', { latencyMs: 1300, count: 2 });
    const expired = await caught(client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'c.pdf' }));
    errors.push(expired);
    emu.clearFaults();
    expect(expired).toBeInstanceOf(OssError);
    expect((expired as OssError).code).toBe('SecurityTokenExpired');
    const refreshed = await client.getUploadAuthorization({ custSpaceId: space });
    const secrets = [
      account.accessKeySecret,
      auth.accessKeySecret,
      auth.securityToken,
      refreshed.accessKeySecret,
      refreshed.securityToken,
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(OssError);
      expectClean(renderings(error), secrets);
    }
    expectClean(logger.text(), secrets);
  });

  it('keeps secrets out of a refused connection and of a failing credentials provider', async () => {
    const account = permitted(emu);
    const closed = await emulator();
    const endpoint = closed.endpoint;
    await closed.close();
    const offline = createIsvTermsClient({
      endpoint,
      credentials: account,
      quota: createQuotaLimiter(),
      retry: { maxAttempts: 1 },
    });
    expectClean(renderings(await caught(offline.getUploadAuthorization({ custSpaceId: '1' }))), [
      account.accessKeySecret,
    ]);

    // A provider that fails with the secret in its message, as a broken profile parser might.
    const leaky = {
      getCredential: () =>
        Promise.reject(new Error(`cannot parse profile: access_key_secret = ${account.accessKeySecret}`)),
    };
    const error = await caught(
      createIsvTermsClient({ endpoint: emu.endpoint, credentials: leaky }).getUploadAuthorization({ custSpaceId: '1' }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expectClean(renderings(error), [account.accessKeySecret]);
  });

  it('redactSecrets masks known values and secret-shaped fields, headers and signatures', () => {
    const text = [
      'authorization: ACS3-HMAC-SHA256 Credential=EMUAKabc,SignedHeaders=host;x-acs-date,Signature=0123456789abcdef0123456789abcdef',
      '"x-acs-security-token":"CAISabcdefghijklmnop"',
      'Authorization: OSS STS.key:c2lnbmF0dXJlLXZhbHVlLWJhc2U2NA==',
      '?AccessKeyId=EMUAKabc&Signature=c2lnbmF0dXJl%3D&SecurityToken=CAIStoken123',
      '{"AccessKeySecret":"s3cr3t-value","stsToken":"tok-123"}',
      'the secret my-known-secret-value leaked',
    ].join('\n');
    const redacted = redactSecrets(text, ['my-known-secret-value']);
    for (const leaked of [
      '0123456789abcdef0123456789abcdef',
      'CAISabcdefghijklmnop',
      'c2lnbmF0dXJlLXZhbHVlLWJhc2U2NA==',
      'c2lnbmF0dXJl',
      'CAIStoken123',
      's3cr3t-value',
      'tok-123',
      'my-known-secret-value',
    ]) {
      expect(redacted).not.toContain(leaked);
    }
    expect(redacted).toContain(REDACTED);
    // Identifiers that are not secrets survive.
    expect(redacted).toContain('EMUAKabc');
  });

  it('sanitizeError drops everything but scalar diagnostics from a vendor error', () => {
    const vendor = Object.assign(new Error('boom'), {
      code: 'ECONNRESET',
      data: {
        lastRequest: {
          headers: { authorization: 'ACS3-HMAC-SHA256 Signature=abc', 'x-acs-security-token': 'CAIStoken' },
        },
      },
      params: { headers: { 'x-oss-security-token': 'CAIStoken' } },
    });
    const copy = sanitizeError(vendor, ['CAIStoken']);
    expect(copy).toMatchObject({ name: 'Error', message: 'boom', code: 'ECONNRESET' });
    expect(Object.keys(copy).sort()).toEqual(['code', 'name']);
    expect(inspect(copy, { showHidden: true, depth: Infinity })).not.toContain('CAIStoken');
  });
});
