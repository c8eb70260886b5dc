// SubmitIsvCustomerTerms: validates every field, requires the agreement PDF at `Dir/IsvTerms` in OSS, and records
// the submission. A re-submission for the same space is a new version; earlier versions stay in the history.
import { rpcErrors } from '../errors.js';
import { dirFor } from './context.js';
import { defineOperation, required } from './definition.js';
import { country, mail, spaceId, termsFileName, text } from './validate.js';

/** The console's stated limit for an agreement file. */
export const MAX_TERMS_BYTES = 2 * 1024 * 1024;

/** Validates and records one submission. */
export const submitIsvCustomerTerms = defineOperation({
  action: 'SubmitIsvCustomerTerms',
  params: {
    CustSpaceId: required(spaceId),
    CustName: required(text(256)),
    OfficeAddress: required(text(512)),
    ContactMail: required(mail),
    CountryId: required(country),
    BusinessDesc: required(text(1024)),
    IsvTerms: required(termsFileName),
  },
  successField: false,
  handle(args, call, ctx) {
    const custSpaceId = args.CustSpaceId;
    if (ctx.store.ownerOf(custSpaceId) !== call.caller.account) throw rpcErrors.foreignResource();

    const objectKey = `${dirFor(custSpaceId)}/${args.IsvTerms}`;
    const object = ctx.objects.get(ctx.bucket, objectKey);
    if (!object) throw rpcErrors.termsNotFound(objectKey);
    if (object.size > MAX_TERMS_BYTES) throw rpcErrors.termsTooLarge(MAX_TERMS_BYTES);
    if (!object.body.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw rpcErrors.termsNotPdf();

    ctx.submissions.add({
      custSpaceId,
      custName: args.CustName,
      officeAddress: args.OfficeAddress,
      contactMail: args.ContactMail,
      countryId: args.CountryId,
      businessDesc: args.BusinessDesc,
      isvTerms: args.IsvTerms,
      objectKey,
      requestId: call.requestId,
      accessKeyId: call.caller.account.accessKeyId,
      submittedAt: new Date(ctx.now()).toISOString(),
    });
    return {};
  },
});
