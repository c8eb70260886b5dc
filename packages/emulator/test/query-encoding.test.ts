// How the RPC query string and OSS object keys are decoded. In the RPC query `+` is a space (Python's urlencode
// and Java's URLEncoder send spaces that way while signing `%20`), and `%2B` is a plus; in an OSS object key a `+`
// is a literal plus. Hand-signed over raw HTTP, so the bytes on the wire are exactly the ones under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index.js';
import { crc64Ecma } from '../src/oss/crc64.js';
import { authRequest, camsClient, ossFromAuthorization, pdfBytes, startWithSpace } from './helpers.js';
import { acs3Request, codeOf, ossV1Put, rpcV1Request } from './raw-signing.js';

describe('query and key decoding', () => {
  let emu: Emulator;
  let account: Emulator['accounts'][number];
  let space: string;
  beforeAll(async () => ({ emu, account, space } = await startWithSpace()));
  afterAll(() => emu.close());

  const spacesAsPlus = (query: string) => query.replace(/%20/g, '+');

  it('reads + in the RPC query as a space, under ACS3 and HMAC-SHA1', async () => {
    const query = { CustSpaceId: space, Note: 'a b  c' };
    const acs3 = await acs3Request(emu.endpoint, account, 'GetChatappUploadAuthorization', query, {
      wireQuery: spacesAsPlus,
    });
    expect(codeOf(acs3)).toBe('OK');
    const v1 = await rpcV1Request(
      emu.endpoint,
      account,
      { Action: 'GetChatappUploadAuthorization', ...query },
      { wireQuery: spacesAsPlus },
    );
    expect(codeOf(v1)).toBe('OK');
  });

  it('reads %2B as a plus, and refuses a raw + that was signed as a plus', async () => {
    const query = { CustSpaceId: space, Note: 'a+b' };
    const encoded = await acs3Request(emu.endpoint, account, 'GetChatappUploadAuthorization', query);
    expect(codeOf(encoded)).toBe('OK');
    // Signed as "a+b" but sent as a raw `+`: the gateway reads "a b", so the signature cannot match.
    const raw = await acs3Request(emu.endpoint, account, 'GetChatappUploadAuthorization', query, {
      wireQuery: (q) => q.replace(/%2B/g, '+'),
    });
    expect(codeOf(raw)).toBe('SignatureDoesNotMatch');
  });

  it('keeps + literal in an OSS object key', async () => {
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(space));
    const data = auth.body!.data!;
    const creds = {
      accessKeyId: data.accessKeyId!,
      accessKeySecret: data.accessKeySecret!,
      securityToken: data.securityToken!,
      bucketName: data.bucketName!,
    };
    const res = await ossV1Put(emu.endpoint, creds, `${data.dir}/a+b terms.pdf`.replace(' ', '%20'), pdfBytes());
    expect(res.status).toBe(200);
    expect(emu.objects().map((o) => o.key)).toContain(`${data.dir}/a+b terms.pdf`);
  });

  it('keeps object keys literal through ali-oss, V1 and V4: spaces, +, &, =, commas, brackets and Chinese', async () => {
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(space));
    const data = auth.body!.data!;
    for (const authorizationV4 of [false, true]) {
      const key = `${data.dir}/合同 a+b&c=d,e (${authorizationV4 ? 'v4' : 'v1'}).pdf`;
      const oss = ossFromAuthorization(data, { authorizationV4 });
      await oss.put(key, pdfBytes());
      const head = await oss.head(key);
      const headers = head.res.headers as Record<string, string>;
      expect(headers['x-oss-hash-crc64ecma']).toBe(crc64Ecma(pdfBytes()));
      expect(emu.objects().map((o) => o.key)).toContain(key);
    }
  });

  it('computes x-oss-hash-crc64ecma as CRC-64/XZ (the ECMA-182 polynomial, reflected, all-ones)', () => {
    // The catalogued check value of the algorithm, and the CRC of nothing.
    expect(BigInt(crc64Ecma(Buffer.from('123456789'))).toString(16)).toBe('995dc9bbdf1939fa');
    expect(crc64Ecma(Buffer.alloc(0))).toBe('0');
  });
});
