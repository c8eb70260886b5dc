// Test helpers: build the official clients (cams SDK, openapi-client, ali-oss) against an emulator, and the small
// fixtures the suites share. Nothing here talks HTTP itself; the real clients do.
import Cams, { GetChatappUploadAuthorizationRequest, SubmitIsvCustomerTermsRequest } from '@alicloud/cams20200606';
import OpenApi, { Config, OpenApiRequest, Params } from '@alicloud/openapi-client';
import { RuntimeOptions } from '@alicloud/tea-util';
import OSS from 'ali-oss';
import { startEmulator, type AccountSeed, type Emulator } from '../src/index.js';
import type { TermsText } from './python/value-shapes.js';

// From ESM the @alicloud packages' class sits on `.default` (Node) or is the default itself (vitest's interop).
function classOf<T>(mod: { default: T }): T {
  const inner = (mod as unknown as { default?: T }).default;
  return inner ?? (mod as unknown as T);
}
const CamsClient = classOf(Cams);
const OpenApiClient = classOf(OpenApi);

/**
 * An emulator with room in its quota (1000 calls a second, so a suite's bursts are never refused), its first
 * (fully permitted) account and that account's first space: the setup of the suites that hand-sign requests.
 */
export async function startWithSpace(): Promise<{ emu: Emulator; account: AccountSeed; space: string }> {
  const emu = await startEmulator({ rateLimitPerSecond: 1000 });
  const account = emu.accounts[0]!;
  return { emu, account, space: account.custSpaceIds[0]! };
}

/** Connection settings shared by every SDK client. */
export function sdkConfig(
  emu: Emulator,
  creds: { accessKeyId: string; accessKeySecret: string; securityToken?: string },
  extra: Partial<Config> = {},
): Config {
  return new Config({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    endpoint: emu.endpoint.replace(/^http:\/\//, ''),
    protocol: 'http',
    regionId: 'ap-southeast-1',
    ...extra,
  });
}

/** The official cams SDK client. */
export function camsClient(
  emu: Emulator,
  creds: Pick<AccountSeed, 'accessKeyId' | 'accessKeySecret'> & { securityToken?: string },
  extra: Partial<Config> = {},
) {
  return new CamsClient(sdkConfig(emu, creds, extra));
}

/** The generic openapi client, for calls that need custom headers or query (stale dates, fixed nonces). */
export function openApiClient(
  emu: Emulator,
  creds: { accessKeyId: string; accessKeySecret: string },
  extra: Partial<Config> = {},
) {
  return new OpenApiClient(sdkConfig(emu, creds, extra));
}

/** Calls an action through openapi-client `callApi` with explicit query and headers (and optionally a form body or GET). */
export function callAction(
  client: OpenApi.default,
  action: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
  options: { method?: 'GET' | 'POST'; body?: Record<string, string> } = {},
) {
  const params = new Params({
    action,
    version: '2020-06-06',
    protocol: 'HTTP',
    pathname: '/',
    method: options.method ?? 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new OpenApiRequest({ query, headers, ...(options.body ? { body: options.body } : {}) });
  return client.callApi(params, request, new RuntimeOptions({}));
}

/** A GetChatappUploadAuthorization request. */
export function authRequest(custSpaceId: string) {
  return new GetChatappUploadAuthorizationRequest({ custSpaceId });
}

/** A complete SubmitIsvCustomerTerms request for a space and terms file. */
export function termsRequest(
  custSpaceId: string,
  isvTerms = 'isvTerms.pdf',
  overrides: Record<string, string | undefined> = {},
) {
  return new SubmitIsvCustomerTermsRequest({
    custSpaceId,
    custName: 'Example Trading Ltd',
    officeAddress: '1 Harbour Road, Hangzhou',
    contactMail: 'partner@example.com',
    countryId: 'CN',
    businessDesc: 'Marketing notifications',
    isvTerms,
    ...overrides,
  });
}

/** A small but real-looking PDF. */
export function pdfBytes(label = 'terms'): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

/** ali-oss configured plainly from an authorization's Data (its STS credentials, bucket and endpoint), as a user would. */
export function ossFromAuthorization(
  data: {
    accessKeyId?: string;
    accessKeySecret?: string;
    securityToken?: string;
    bucketName?: string;
    endPoint?: string;
  },
  extra: Partial<OSS.Options> = {},
) {
  return new OSS({
    accessKeyId: data.accessKeyId ?? '',
    accessKeySecret: data.accessKeySecret ?? '',
    stsToken: data.securityToken ?? '',
    bucket: data.bucketName ?? '',
    endpoint: data.endPoint ?? '',
    ...extra,
  });
}

/** Runs a promise expected to fail and returns the error's service code (`code` on SDK and ali-oss errors). */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { code?: unknown }).code);
  }
  throw new Error('expected the call to fail');
}

/** The file name the value-shape suites submit. */
export const SHAPES_TERMS_FILE = 'isvTerms.pdf';

/**
 * The value-shape suites' common start: a small PDF uploaded as `SHAPES_TERMS_FILE` under the first space of the
 * emulator's first account, through the official SDK and ali-oss. Resolves to that space.
 */
export async function uploadShapesTerms(emu: Emulator, label: string): Promise<string> {
  const account = emu.accounts[0]!;
  const space = account.custSpaceIds[0]!;
  const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(space));
  const data = auth.body!.data!;
  await ossFromAuthorization(data).put(`${data.dir}/${SHAPES_TERMS_FILE}`, pdfBytes(label));
  return space;
}

/** A job for a Python or Go driver: the emulator's host and port, the first account's keys, and the calls. */
export function driverJob(emu: Emulator, calls: unknown[]) {
  const account = emu.accounts[0]!;
  return {
    endpoint: emu.endpoint.replace(/^http:\/\//, ''),
    accessKeyId: account.accessKeyId,
    accessKeySecret: account.accessKeySecret,
    calls,
  };
}

/** SubmitIsvCustomerTerms's wire parameters for `space` with one value shape and `SHAPES_TERMS_FILE`. */
export function shapeParams(space: string, text: TermsText): Record<string, string> {
  return {
    CustSpaceId: space,
    CustName: text.custName,
    OfficeAddress: text.officeAddress,
    ContactMail: 'partner@example.com',
    CountryId: 'CN',
    BusinessDesc: text.businessDesc,
    IsvTerms: SHAPES_TERMS_FILE,
  };
}
