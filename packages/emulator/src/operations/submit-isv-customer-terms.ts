// SubmitIsvCustomerTerms: validates every field, requires the agreement PDF at `Dir/IsvTerms` in OSS, and records
// the submission. A re-submission for the same space is a new version; earlier versions stay in the history.
import { rpcErrors } from '../errors.js';
import { dirFor, type OperationCall, type OperationContext, type OperationResult } from './context.js';
import { requireCountry, requireMail, requireSpaceId, requireTermsFileName, requireText } from './validate.js';

/** The console's stated limit for an agreement file. */
export const MAX_TERMS_BYTES = 2 * 1024 * 1024;

/** Validates and records one submission. */
export function submitIsvCustomerTerms(call: OperationCall, ctx: OperationContext): OperationResult {
  const { params } = call;
  // Presence first, in the documented order, so the first missing field is the one reported.
  for (const name of [
    'CustSpaceId',
    'CustName',
    'OfficeAddress',
    'ContactMail',
    'CountryId',
    'BusinessDesc',
    'IsvTerms',
  ]) {
    if (!params.get(name)) throw rpcErrors.missingParameter(name);
  }
  const custSpaceId = requireSpaceId(params);
  const custName = requireText(params, 'CustName', 256);
  const officeAddress = requireText(params, 'OfficeAddress', 512);
  const contactMail = requireMail(params);
  const countryId = requireCountry(params);
  const businessDesc = requireText(params, 'BusinessDesc', 1024);
  const isvTerms = requireTermsFileName(params);

  if (ctx.store.ownerOf(custSpaceId) !== call.caller.account) throw rpcErrors.foreignResource();

  const objectKey = `${dirFor(custSpaceId)}/${isvTerms}`;
  const object = ctx.objects.get(ctx.bucket, objectKey);
  if (!object) throw rpcErrors.termsNotFound(objectKey);
  if (object.size > MAX_TERMS_BYTES) throw rpcErrors.termsTooLarge(MAX_TERMS_BYTES);
  if (!object.body.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw rpcErrors.termsNotPdf();

  ctx.submissions.add({
    custSpaceId,
    custName,
    officeAddress,
    contactMail,
    countryId,
    businessDesc,
    isvTerms,
    objectKey,
    requestId: call.requestId,
    accessKeyId: call.caller.account.accessKeyId,
    submittedAt: new Date(ctx.now()).toISOString(),
  });
  return {};
}
