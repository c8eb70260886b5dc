// Error reports: each kind of failure keeps its code, RequestId and a hint, and nothing secret or internal
// (AccessKey secret, STS token, signatures, stack traces, raw messages of unknown errors) survives.
import { core, server } from './native.js';
import { describe, expect, it } from 'vitest';

const { ChatAppError, ConfigurationError, OssError, ValidationError } = core;
const { createRedactor, describeError, FileAccessError, toToolError } = server;

const SECRET = 'fake-secret-0123456789abcdef';
const TOKEN = 'fake-sts-token-abcdefghijklmnop';
const redact = createRedactor([SECRET, TOKEN]);

describe('describeError', () => {
  it('lists every field of a ValidationError', () => {
    const report = describeError(
      new ValidationError([
        { field: 'contactMail', message: 'must be an e-mail address' },
        { field: 'countryId', message: 'must be an ISO 3166-1 alpha-2 country code' },
      ]),
    );
    expect(report.code).toBe('ValidationError');
    expect(report.message).toContain('contactMail: must be an e-mail address');
    expect(report.message).toContain('countryId:');
  });

  it('keeps the service code, RequestId, Recommend link and a code-specific hint', () => {
    const report = describeError(
      new ChatAppError({
        code: 'System.LimitControl',
        message: 'The system is under flow control.',
        operation: 'SubmitIsvCustomerTerms',
        requestId: 'req-42',
        recommend: 'https://api.aliyun.com/troubleshoot?q=System.LimitControl',
        httpStatus: 400,
      }),
    );
    expect(report).toMatchObject({ code: 'System.LimitControl', requestId: 'req-42' });
    expect(report.recommend).toContain('troubleshoot');
    expect(report.hint).toMatch(/quota/);
    expect(report.message).toContain('SubmitIsvCustomerTerms');
  });

  it('maps OSS, configuration and file errors to their own codes', () => {
    expect(
      describeError(
        new OssError({ code: 'AccessDenied', message: 'denied', operation: 'PutObject', requestId: 'oss-1' }),
      ),
    ).toMatchObject({ code: 'AccessDenied', requestId: 'oss-1' });
    expect(describeError(new ConfigurationError('credentials', 'no AccessKey found')).code).toBe('ConfigurationError');
    expect(describeError(new FileAccessError('PathNotAllowed', 'outside')).code).toBe('PathNotAllowed');
  });

  it('does not repeat the message of an unexpected error', () => {
    const report = describeError(new TypeError(`cannot read x of undefined; secret=${SECRET}`));
    expect(report.code).toBe('InternalError');
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(JSON.stringify(report)).not.toContain('undefined');
  });
});

describe('toToolError', () => {
  it('is an isError result whose text is redacted and carries no stack trace', () => {
    const error = new ChatAppError({
      code: 'Ram.PermissionDeny',
      message: `denied for AccessKeySecret=${SECRET} SecurityToken=${TOKEN} Signature=abcdef0123456789`,
      operation: 'GetChatappUploadAuthorization',
      requestId: 'req-7',
    });
    const result = toToolError(error, redact);
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    expect(text).toContain('Ram.PermissionDeny');
    expect(text).toContain('RequestId: req-7');
    expect(text).toContain('Hint:');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('abcdef0123456789');
    expect(text).not.toMatch(/\n\s+at /);
  });
});

describe('createRedactor', () => {
  it('masks known values and secret-bearing parameters and headers', () => {
    const out = redact(
      `k=${SECRET} Authorization: ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature=ffff0000ffff0000 x-oss-security-token: ${TOKEN}`,
    );
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain('ffff0000ffff0000');
  });
});

describe('hints for what core reports without an answer', () => {
  it('a refused connection names --endpoint and the scheme, not "check the inputs"', async () => {
    // A port that was just free: nothing listens there, so core's call is refused.
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client = core.createIsvTermsClient({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'LTAIhinttest', accessKeySecret: SECRET },
      retry: { maxAttempts: 1 },
    });
    const error = await client.getUploadAuthorization({ custSpaceId: '100000000000001' }).catch((e: unknown) => e);
    const report = describeError(error);
    expect(report.hint).toContain('--endpoint');
    expect(report.hint).toContain('scheme');
    expect(report.hint).not.toContain('Check the inputs');
  });

  it('names the environment variables and the profile when credentials are missing', () => {
    const report = describeError(new ConfigurationError('credentials', 'no credentials found'));
    for (const name of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_PROFILE']) {
      expect(report.hint).toContain(name);
    }
  });
});
