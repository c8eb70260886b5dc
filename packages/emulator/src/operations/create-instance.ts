// CreateInstance: mints a record for a direct customer. Such a customer has no separate space, so its InstanceId
// is also its CustSpaceId (other operations describe CustSpaceId as "the instance ID of the direct customer"); the
// new space belongs to the caller, so GetChatappUploadAuthorization and SubmitIsvCustomerTerms work on it too.
import { DIRECT_CUSTOMER } from '../state/instances.js';
import { defineOperation, optional, required } from './definition.js';
import { writeData, writtenFields } from './instance-records.js';
import { channelType, countryId, httpUrl, yesNo } from './instance-rules.js';
import { mail, text } from './validate.js';

/** Creates a record; an `IsvTerms` URL must name an agreement file of the caller's account. */
export const createInstance = defineOperation({
  action: 'CreateInstance',
  params: {
    ChannelType: required(channelType),
    InstanceName: required(text(256)),
    InstanceDescription: optional(text(1024)),
    ResourceGroupId: optional(text(64)),
    OfficeAddress: optional(text(512)),
    ContactMail: optional(mail),
    CountryId: optional(countryId),
    FacebookBmId: optional(text(64)),
    IsvTerms: optional(httpUrl),
    IsConfirmAudit: optional(yesNo),
  },
  successField: true,
  handle(args, call, ctx) {
    const record = ctx.instances.create(
      call.caller.account,
      { channelType: args.ChannelType, custType: DIRECT_CUSTOMER },
      writtenFields(args, call, ctx),
      { operation: 'CreateInstance', requestId: call.requestId, at: ctx.now() },
    );
    ctx.store.addSpace(call.caller.account, record.custSpaceId);
    return { Data: writeData(record, false) };
  },
});
