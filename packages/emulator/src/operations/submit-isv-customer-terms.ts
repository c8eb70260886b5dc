// SubmitIsvCustomerTerms: validates every field, requires the agreement PDF at `Dir/IsvTerms` in OSS, and records
// the submission. A re-submission for the same space is a new version; earlier versions stay in the history.
// It also writes the space's customer record (the one QueryInstance/ListInstance read): the docs state no link
// between the two generations, so the mapping below is the emulator's assumption (README, "Instances").
import { rpcErrors } from '../errors.js';
import { ISV_SUB_CUSTOMER } from '../state/instances.js';
import { dirFor } from './context.js';
import { defineOperation, required } from './definition.js';
import { requireTermsObject } from './terms-object.js';
import { country, mail, spaceId, termsFileName, text } from './validate.js';

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
    requireTermsObject(objectKey, ctx);

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

    const fields = {
      instanceName: args.CustName,
      instanceDescription: args.BusinessDesc,
      officeAddress: args.OfficeAddress,
      contactMail: args.ContactMail,
      countryId: args.CountryId,
      isvTerms: args.IsvTerms,
      objectKey,
    };
    const write = { operation: 'SubmitIsvCustomerTerms', requestId: call.requestId, at: ctx.now() } as const;
    const record = ctx.instances.forSpace(custSpaceId);
    // A space whose record was deleted gets a new one (a new InstanceId), as its first submission would.
    if (record) ctx.instances.update(record.instanceId, fields, write);
    else {
      const base = { custSpaceId, channelType: 'WHATSAPP', custType: ISV_SUB_CUSTOMER };
      ctx.instances.create(call.caller.account, base, fields, write);
    }
    return {};
  },
});
