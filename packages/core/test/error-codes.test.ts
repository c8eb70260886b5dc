// One module decides what an error code means (retry, OSS, MCP hints read it), by code whatever the HTTP status,
// and whether a failed write can have been recorded. Plus the one way to report every validation problem at once.
import { describe, expect, it } from 'vitest';
import {
  ChatAppError,
  OssError,
  ValidationError,
  classifyErrorCode,
  deliveryOf,
  isRetryable,
  isRetryableCode,
  validateAll,
} from '../src/index.js';

describe('error-code classes', () => {
  it('classifies by code first: HTTP 200 carrying InternalError is as transient as a 500', () => {
    expect(classifyErrorCode('InternalError', 200)).toBe('transient');
    expect(classifyErrorCode('InternalError', 500)).toBe('transient');
    expect(classifyErrorCode('ServiceUnavailable', 200)).toBe('transient');
    expect(classifyErrorCode('System.LimitControl', 400)).toBe('throttling');
    expect(classifyErrorCode('Throttling.User', 400)).toBe('throttling');
    expect(classifyErrorCode('SlowDown', 503)).toBe('throttling');
    expect(classifyErrorCode('Ram.PermissionDeny', 200)).toBe('permanent');
    expect(classifyErrorCode('Ram.PermissionDeny', 500)).toBe('permanent');
    expect(classifyErrorCode('SecurityTokenExpired', 403)).toBe('expired-credentials');
    expect(classifyErrorCode('InvalidAccessKeyId', 403)).toBe('expired-credentials');
    expect(classifyErrorCode('InvalidAccessKeyId.NotFound', 404)).toBe('not-found');
    expect(classifyErrorCode('NoSuchKey', 404)).toBe('not-found');
    // Unknown codes fall back to the status.
    expect(classifyErrorCode('SomethingNew', 502)).toBe('transient');
    expect(classifyErrorCode('SomethingNew', 400)).toBe('permanent');
    expect(classifyErrorCode('ECONNREFUSED')).toBe('transient');
  });

  it('retries throttling and transient failures of both services, through the shared base class', () => {
    const chatApp = new ChatAppError({ code: 'InternalError', message: 'x', operation: 'Op', httpStatus: 200 });
    const oss = new OssError({ code: 'ECONNREFUSED', message: 'x', operation: 'PutObject' });
    expect(isRetryable(chatApp)).toBe(true);
    expect(isRetryable(oss)).toBe(true);
    expect(chatApp.codeClass).toBe('transient');
    expect(isRetryable(new ChatAppError({ code: 'Product.Unsubscript', message: 'x', operation: 'Op' }))).toBe(false);
    expect(isRetryable(new Error('ECONNREFUSED'))).toBe(false);
    expect(isRetryableCode('EAI_AGAIN')).toBe(true);
  });

  it('a write provably not recorded (refused, or answered with an error) vs one whose outcome is unknown', () => {
    expect(deliveryOf('ECONNREFUSED')).toBe('not-sent');
    expect(deliveryOf('ENOTFOUND')).toBe('not-sent');
    expect(deliveryOf('InternalError', 500)).toBe('not-sent');
    expect(deliveryOf('InternalError', 200)).toBe('not-sent');
    expect(deliveryOf('ECONNRESET')).toBe('unknown');
    expect(deliveryOf('RequestTimeoutError')).toBe('unknown');
    expect(deliveryOf('ETIMEDOUT')).toBe('unknown');
    expect(deliveryOf('SyntaxError')).toBe('unknown');
  });
});

describe('validateAll', () => {
  it('runs every check, reports every problem once, and returns the values in order', async () => {
    const problem = (field: string) => () => {
      throw new ValidationError([{ field, message: 'is wrong' }]);
    };
    const error = await validateAll([problem('custSpaceId'), problem('termsFile'), problem('custSpaceId')]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { field: 'custSpaceId', message: 'is wrong' },
      { field: 'termsFile', message: 'is wrong' },
    ]);
    await expect(validateAll<[number, string]>([() => 1, () => Promise.resolve('two')])).resolves.toEqual([1, 'two']);
  });

  it('re-throws an unexpected error, but only after every check has run', async () => {
    let ran = false;
    const error = await validateAll([
      () => {
        throw new RangeError('disk on fire');
      },
      () => {
        ran = true;
      },
    ]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RangeError);
    expect(ran).toBe(true);
  });
});
