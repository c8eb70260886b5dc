// Accounts, permissions, ownership and parameters, in the documented check order, through the official SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../src/index.js';
import { authRequest, camsClient, errorCode, ossFromAuthorization, pdfBytes, termsRequest } from './helpers.js';

describe('accounts, permissions and parameters', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ rateLimitPerSecond: 1000 });
  });
  afterAll(async () => {
    await emu.close();
  });

  async function upload(accountIndex: number, spaceIndex: number, name: string, body = pdfBytes()) {
    const account = emu.accounts[accountIndex]!;
    const auth = await camsClient(emu, account).getChatappUploadAuthorization(
      authRequest(account.custSpaceIds[spaceIndex]!),
    );
    const data = auth.body!.data!;
    await ossFromAuthorization(data).put(`${data.dir}/${name}`, body);
  }

  it('refuses an unsubscribed account with Product.Unsubscript', async () => {
    const unsubscribed = emu.accounts[1]!;
    expect(unsubscribed.subscribed).toBe(false);
    const client = camsClient(emu, unsubscribed);
    expect(await errorCode(client.getChatappUploadAuthorization(authRequest(unsubscribed.custSpaceIds[0]!)))).toBe(
      'Product.Unsubscript',
    );
    expect(await errorCode(client.submitIsvCustomerTerms(termsRequest(unsubscribed.custSpaceIds[0]!)))).toBe(
      'Product.Unsubscript',
    );
  });

  it('refuses a denied RAM action with Ram.PermissionDeny and an AccessDeniedDetail, but allows the others', async () => {
    const denied = emu.accounts[2]!;
    expect(denied.deniedActions).toContain('cams:SubmitIsvCustomerTerms');
    const client = camsClient(emu, denied);
    const auth = await client.getChatappUploadAuthorization(authRequest(denied.custSpaceIds[0]!));
    expect(auth.body!.code).toBe('OK');
    try {
      await client.submitIsvCustomerTerms(termsRequest(denied.custSpaceIds[0]!));
      throw new Error('expected Ram.PermissionDeny');
    } catch (error) {
      const e = error as { code: string; statusCode: number; data: { AccessDeniedDetail?: { AuthAction?: string } } };
      expect(e.code).toBe('Ram.PermissionDeny');
      expect(e.statusCode).toBe(400);
      expect(e.data.AccessDeniedDetail?.AuthAction).toBe('cams:SubmitIsvCustomerTerms');
    }
  });

  it("refuses another account's space with Unknown.ResourceOwnerId (both operations)", async () => {
    const client = camsClient(emu, emu.accounts[0]!);
    const foreign = emu.accounts[3]!.custSpaceIds[0]!;
    expect(await errorCode(client.getChatappUploadAuthorization(authRequest(foreign)))).toBe('Unknown.ResourceOwnerId');
    expect(await errorCode(client.submitIsvCustomerTerms(termsRequest(foreign)))).toBe('Unknown.ResourceOwnerId');
    expect(await errorCode(client.getChatappUploadAuthorization(authRequest('999999999999999')))).toBe(
      'Unknown.ResourceOwnerId',
    );
  });

  it('names the first missing parameter with MissingParameter', async () => {
    const account = emu.accounts[0]!;
    const client = camsClient(emu, account);
    for (const field of ['custName', 'officeAddress', 'contactMail', 'countryId', 'businessDesc', 'isvTerms']) {
      try {
        await client.submitIsvCustomerTerms(
          termsRequest(account.custSpaceIds[0]!, 'isvTerms.pdf', { [field]: undefined }),
        );
        throw new Error(`expected MissingParameter for ${field}`);
      } catch (error) {
        const e = error as { code: string; data: { Message: string } };
        expect(e.code).toBe('MissingParameter');
        expect(e.data.Message).toContain(field[0]!.toUpperCase() + field.slice(1));
      }
    }
    expect(await errorCode(client.getChatappUploadAuthorization(authRequest('')))).toBe('MissingParameter');
  });

  it('rejects malformed values with InvalidParameter naming the field', async () => {
    const account = emu.accounts[0]!;
    const client = camsClient(emu, account);
    const cases: Array<[string, string, string]> = [
      ['countryId', 'XX', 'CountryId'],
      ['countryId', 'cn', 'CountryId'],
      ['contactMail', 'not-an-address', 'ContactMail'],
      ['custName', '   ', 'CustName'],
      ['isvTerms', 'dir/terms.pdf', 'IsvTerms'],
      ['isvTerms', 'terms.docx', 'IsvTerms'],
    ];
    for (const [field, value, wire] of cases) {
      try {
        await client.submitIsvCustomerTerms(termsRequest(account.custSpaceIds[0]!, 'isvTerms.pdf', { [field]: value }));
        throw new Error(`expected InvalidParameter for ${field}=${value}`);
      } catch (error) {
        const e = error as { code: string; data: { Message: string } };
        expect(e.code).toBe('InvalidParameter');
        expect(e.data.Message).toContain(wire);
      }
    }
  });

  it('refuses a submission whose terms object was never uploaded', async () => {
    const account = emu.accounts[0]!;
    const client = camsClient(emu, account);
    expect(
      await errorCode(client.submitIsvCustomerTerms(termsRequest(account.custSpaceIds[1]!, 'never-uploaded.pdf'))),
    ).toBe('InvalidIsvTerms.NotFound');
  });

  it('refuses a terms object that is not a PDF or is over 2 MB', async () => {
    const account = emu.accounts[0]!;
    const client = camsClient(emu, account);
    await upload(0, 1, 'fake.pdf', Buffer.from('plain text pretending to be a pdf'));
    expect(await errorCode(client.submitIsvCustomerTerms(termsRequest(account.custSpaceIds[1]!, 'fake.pdf')))).toBe(
      'InvalidIsvTerms.NotPdf',
    );
    await upload(0, 1, 'big.pdf', Buffer.concat([pdfBytes(), Buffer.alloc(2 * 1024 * 1024)]));
    expect(await errorCode(client.submitIsvCustomerTerms(termsRequest(account.custSpaceIds[1]!, 'big.pdf')))).toBe(
      'InvalidIsvTerms.TooLarge',
    );
  });

  it('checks subscription before ownership and parameters (documented order)', async () => {
    const client = camsClient(emu, emu.accounts[1]!);
    // Foreign space and missing fields, but the unsubscribed account is refused first.
    expect(
      await errorCode(
        client.submitIsvCustomerTerms(
          termsRequest(emu.accounts[0]!.custSpaceIds[0]!, 'isvTerms.pdf', { custName: undefined }),
        ),
      ),
    ).toBe('Product.Unsubscript');
    // Parameters are checked before ownership.
    const permitted = camsClient(emu, emu.accounts[0]!);
    expect(
      await errorCode(
        permitted.submitIsvCustomerTerms(
          termsRequest(emu.accounts[3]!.custSpaceIds[0]!, 'isvTerms.pdf', { custName: undefined }),
        ),
      ),
    ).toBe('MissingParameter');
  });

  it('records nothing for refused submissions', () => {
    expect(emu.submissions()).toEqual([]);
  });
});
