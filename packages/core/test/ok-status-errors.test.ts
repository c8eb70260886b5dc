// An HTTP 200 whose Code is not OK must be an error. The emulator always pairs an error Code with a 4xx/5xx, so
// this one case uses a bare loopback server that answers 200 with an error body; the request still goes through
// the real openapi-client signing and transport. (The service documents 400s; the SDK does not throw on 2xx.)
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatAppError, createIsvTermsClient, createQuotaLimiter } from '../src/index.js';

let server: Server;
let endpoint = '';
const answers: { Code: string; Message: string }[] = [];
let received = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    received += 1;
    request.resume();
    request.on('end', () => {
      const answer = answers.shift() ?? { Code: 'OK', Message: 'OK' };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ RequestId: `REQ-${received}`, ...answer }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function client() {
  return createIsvTermsClient({
    endpoint,
    credentials: { accessKeyId: 'FAKEAKID0001', accessKeySecret: 'fake-secret-for-a-local-test' },
    quota: createQuotaLimiter(),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

const terms = {
  custSpaceId: '1',
  custName: 'Acme',
  officeAddress: 'Somewhere 1',
  contactMail: 'legal@acme.example',
  countryId: 'SG',
  businessDesc: 'Notifications',
  isvTerms: 'terms.pdf',
};

describe('HTTP 200 with an error Code', () => {
  it('is a ChatAppError carrying the code, RequestId and status 200, not retried when permanent', async () => {
    received = 0;
    answers.push({ Code: 'Ram.PermissionDeny', Message: 'You are not authorized to perform the operation.' });
    const error = await client()
      .submitIsvCustomerTerms(terms)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatAppError);
    expect(error).toMatchObject({ code: 'Ram.PermissionDeny', httpStatus: 200, requestId: 'REQ-1', attempts: 1 });
    expect(received).toBe(1);
  });

  it('is retried when the code means throttling, and the later OK wins', async () => {
    received = 0;
    answers.push({ Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' });
    const result = await client().submitIsvCustomerTerms(terms);
    expect(result).toEqual({ requestId: 'REQ-2', code: 'OK', message: 'OK' });
    expect(received).toBe(2);
  });
});
