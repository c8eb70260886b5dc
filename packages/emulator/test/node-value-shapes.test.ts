// The Node clients with the value shapes the Python and Go suites send: the cams SDK (ACS3 and HMAC-SHA1) and
// openapi-client's generic callApi with the parameters in the query or in a form body, over POST and GET. Every
// submission must be recorded with exactly the values sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import {
  callAction,
  camsClient,
  openApiClient,
  shapeParams,
  SHAPES_TERMS_FILE,
  termsRequest,
  uploadShapesTerms,
} from './helpers.js';
import { VALUE_SHAPES, type TermsText } from './python/value-shapes.js';

const TERMS_FILE = SHAPES_TERMS_FILE;

describe('Node clients with every value shape', () => {
  let emu: Emulator;
  let account: Emulator['accounts'][number];
  let space: string;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 10_000 });
    account = emu.accounts[0]!;
    space = await uploadShapesTerms(emu, 'node');
  });
  afterAll(async () => {
    await emu.close();
  });

  function expectRecorded(requestId: string | undefined, text: TermsText, label: string) {
    const submission = emu.submissions().find((s) => s.requestId === requestId);
    expect(submission, label).toMatchObject({ custSpaceId: space, ...text, isvTerms: TERMS_FILE });
  }

  it('the cams SDK, ACS3 and HMAC-SHA1', async () => {
    for (const extra of [{}, { signatureAlgorithm: 'v2' }]) {
      const client = camsClient(emu, account, extra);
      for (const [shape, text] of Object.entries(VALUE_SHAPES)) {
        const res = await client.submitIsvCustomerTerms(termsRequest(space, TERMS_FILE, { ...text }));
        expect(res.body?.code, shape).toBe('OK');
        expectRecorded(res.body?.requestId, text, `${JSON.stringify(extra)} ${shape}`);
      }
    }
  });

  it('openapi-client callApi, ACS3 and HMAC-SHA1, query (POST and GET) and form body', async () => {
    for (const extra of [{}, { signatureAlgorithm: 'v2' }]) {
      const client = openApiClient(emu, account, extra);
      for (const [shape, text] of Object.entries(VALUE_SHAPES)) {
        const params = shapeParams(space, text);
        const placements = [
          () => callAction(client, 'SubmitIsvCustomerTerms', params),
          () => callAction(client, 'SubmitIsvCustomerTerms', params, {}, { method: 'GET' }),
          () => callAction(client, 'SubmitIsvCustomerTerms', {}, {}, { body: params }),
        ];
        for (const [i, send] of placements.entries()) {
          const res = (await send()) as { body: { RequestId?: string; Code?: string } };
          const label = `${JSON.stringify(extra)} ${shape} #${i}`;
          expect(res.body.Code, label).toBe('OK');
          expectRecorded(res.body.RequestId, text, label);
        }
      }
    }
  });
});
