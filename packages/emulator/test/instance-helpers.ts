// Helpers for the *Instance suites: calls through the official Node SDK 1.4.2's generic callApi (it has no
// *Instance methods), and an agreement upload through the SDK and ali-oss, as a client would do it.
import type { AccountSeed, Emulator } from '../src/index.js';
import { authRequest, callAction, camsClient, openApiClient, ossFromAuthorization, pdfBytes } from './helpers.js';

type Keys = Pick<AccountSeed, 'accessKeyId' | 'accessKeySecret'>;

/** The response body of a successful call (the SDK throws on a 4xx/5xx). */
export async function rpc(
  emu: Emulator,
  account: Keys,
  action: string,
  query: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = (await callAction(openApiClient(emu, account), action, query)) as { body: Record<string, unknown> };
  return response.body;
}

/** The service error of a call expected to fail: code, HTTP status and the SDK's message. */
export async function rpcError(
  emu: Emulator,
  account: Keys,
  action: string,
  query: Record<string, string> = {},
): Promise<{ code: string; statusCode: number; message: string }> {
  try {
    await callAction(openApiClient(emu, account), action, query);
  } catch (error) {
    const e = error as { code?: unknown; statusCode?: unknown; message?: unknown };
    return { code: String(e.code), statusCode: Number(e.statusCode), message: String(e.message) };
  }
  throw new Error(`expected ${action} to fail`);
}

/** Uploads a PDF under a space's Dir with the issued credentials; resolves to the object key. */
export async function uploadTerms(
  emu: Emulator,
  account: Keys,
  custSpaceId: string,
  name = 'isvTerms.pdf',
  body: Buffer = pdfBytes(name),
): Promise<string> {
  const auth = await camsClient(emu, account).getChatappUploadAuthorization(authRequest(custSpaceId));
  const data = auth.body!.data!;
  await ossFromAuthorization(data).put(`${data.dir}/${name}`, body);
  return `${data.dir}/${name}`;
}

/** The ListInstance rows of every page, fetched `pageSize` at a time. */
export async function listAll(
  emu: Emulator,
  account: Keys,
  pageSize: number,
): Promise<{ rows: Record<string, string>[]; totals: number[]; pages: number }> {
  const rows: Record<string, string>[] = [];
  const totals: number[] = [];
  let pages = 0;
  for (let page = 1; ; page++) {
    const body = await rpc(emu, account, 'ListInstance', { PageIndex: String(page), PageSize: String(pageSize) });
    const data = body.Data as Record<string, string>[];
    totals.push(body.TotalCount as number);
    if (data.length === 0) break;
    pages++;
    rows.push(...data);
  }
  return { rows, totals, pages };
}
