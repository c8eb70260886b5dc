// Typed events and environment defaults: progress and retries are observable as data (onEvent and fields.event),
// not by matching log text, and CHATAPP_ISV_ENDPOINT / CHATAPP_ISV_REGION apply when no option is given.
import { describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  createIsvTermsClient,
  ENDPOINT_ENV,
  REGION_ENV,
  type IsvTermsEvent,
} from '../src/index.js';
import { clientFor, emulatorSuite, limiterFor, permitted, recordingLogger } from './helpers/emulator.js';
import { onboardingInput, samplePdf } from './helpers/fixtures.js';

const suite = emulatorSuite();

describe('typed events', () => {
  it('reports each step, request and retry of a submission as typed events, and the same in fields.event', async () => {
    const account = permitted(suite.emu);
    const space = account.custSpaceIds[0] ?? '';
    const events: IsvTermsEvent[] = [];
    const logger = recordingLogger();
    const client = clientFor(suite.emu, account, { logger, onEvent: (event) => events.push(event) });
    suite.emu.setFaults('SubmitIsvCustomerTerms', { errorCode: 'ServiceUnavailable', count: 1 });

    const result = await client.submitCustomerTerms(onboardingInput(space, 'events.pdf'));

    expect(events.map((event) => event.type)).toEqual([
      'request',
      'authorized',
      'uploaded',
      'request',
      'retry',
      'request',
      'submitted',
    ]);
    expect(events.find((event) => event.type === 'retry')).toMatchObject({
      operation: 'SubmitIsvCustomerTerms',
      attempt: 1,
      code: 'ServiceUnavailable',
      custSpaceId: space,
    });
    expect(events.at(-1)).toEqual({
      type: 'submitted',
      custSpaceId: space,
      requestId: result.submit.requestId,
      generation: 'legacy',
    });
    expect(events.find((event) => event.type === 'uploaded')).toMatchObject({
      objectKey: result.upload.objectKey,
      sha256: result.upload.sha256,
    });
    // Every event is a log line too, typed by fields.event, with the same fields.
    expect(logger.lines.map((line) => line.fields?.['event'])).toEqual(events.map((event) => event.type));
    const retryLine = logger.lines.find((line) => line.fields?.['event'] === 'retry');
    expect(retryLine?.level).toBe('warn');
    expect(retryLine?.fields).toMatchObject({ operation: 'SubmitIsvCustomerTerms', code: 'ServiceUnavailable' });
  });

  it('a listener that throws is logged and ignored: the submission still succeeds', async () => {
    const account = permitted(suite.emu);
    const logger = recordingLogger();
    const client = clientFor(suite.emu, account, {
      logger,
      onEvent: () => {
        throw new TypeError('progress bar broke');
      },
    });
    const result = await client.submitCustomerTerms(onboardingInput(account.custSpaceIds[1] ?? '', 'listener.pdf'));
    expect(result.submit.code).toBe('OK');
    const errors = logger.lines.filter((line) => line.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.fields).toMatchObject({ errorName: 'TypeError' });
  });

  it('OSS retries are events too, attributed to the space', async () => {
    const account = permitted(suite.emu);
    const space = account.custSpaceIds[2] ?? '';
    const events: IsvTermsEvent[] = [];
    const client = clientFor(suite.emu, account, { onEvent: (event) => events.push(event) });
    suite.emu.setFaults('PutObject', { errorCode: 'ServiceUnavailable', count: 2 });
    await client.uploadTermsFile({ custSpaceId: space, file: samplePdf(), fileName: 'oss-retry.pdf' });
    const retries = events.filter((event) => event.type === 'retry');
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatchObject({ operation: 'PutObject', custSpaceId: space, code: 'ServiceUnavailable' });
  });
});

describe('environment defaults', () => {
  it('uses CHATAPP_ISV_ENDPOINT when no endpoint option is given', async () => {
    const account = permitted(suite.emu);
    const client = createIsvTermsClient({
      env: { [ENDPOINT_ENV]: suite.emu.endpoint, [REGION_ENV]: 'ap-southeast-1' },
      credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
      quota: limiterFor(suite.emu),
    });
    const auth = await client.getUploadAuthorization({ custSpaceId: account.custSpaceIds[0] ?? '' });
    expect(auth.requestId).toBeTruthy();
  });

  it('an explicit endpoint option wins over the environment', async () => {
    const account = permitted(suite.emu);
    const client = createIsvTermsClient({
      endpoint: suite.emu.endpoint,
      env: { [ENDPOINT_ENV]: 'http://127.0.0.1:9' },
      credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
      quota: limiterFor(suite.emu),
    });
    const auth = await client.getUploadAuthorization({ custSpaceId: account.custSpaceIds[0] ?? '' });
    expect(auth.requestId).toBeTruthy();
  });

  it('a bad value from the environment names the variable; an empty one counts as unset', () => {
    expect(() => createIsvTermsClient({ env: { [ENDPOINT_ENV]: 'ftp://example.com' } })).toThrow(ConfigurationError);
    try {
      createIsvTermsClient({ env: { [REGION_ENV]: 'Not A Region' } });
      expect.unreachable('the region from the environment should have been refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).option).toBe(REGION_ENV);
    }
    expect((() => createIsvTermsClient({ env: { [ENDPOINT_ENV]: ' ', [REGION_ENV]: '' } }))()).toBeTruthy();
    try {
      createIsvTermsClient({ endpoint: 'ftp://example.com', env: {} });
      expect.unreachable('the endpoint option should have been refused');
    } catch (error) {
      expect((error as ConfigurationError).option).toBe('endpoint');
    }
  });
});
