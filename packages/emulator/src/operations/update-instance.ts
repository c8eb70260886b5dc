// UpdateInstance: rewrites the company and terms fields of one of the caller's records, found by InstanceId.
// Fields left out keep their value; the SubmitTime moves to now.
import { defineOperation, optional, required } from './definition.js';
import { ownedInstance, writeData, writtenFields } from './instance-records.js';
import { countryId, httpUrl, yesNo } from './instance-rules.js';
import { mail, spaceId, text } from './validate.js';

/** Updates a record; an `IsvTerms` URL must name an agreement file of the caller's account. */
export const updateInstance = defineOperation({
  action: 'UpdateInstance',
  params: {
    InstanceId: required(spaceId),
    InstanceName: required(text(256)),
    InstanceDescription: optional(text(1024)),
    ContactMail: optional(mail),
    CountryId: optional(countryId),
    OfficeAddress: optional(text(512)),
    FacebookBmId: optional(text(64)),
    IsvTerms: optional(httpUrl),
    IsConfirmAudit: optional(yesNo),
  },
  successField: true,
  handle(args, call, ctx) {
    const record = ownedInstance(args.InstanceId, call, ctx);
    const updated = ctx.instances.update(record.instanceId, writtenFields(args, call, ctx), {
      operation: 'UpdateInstance',
      requestId: call.requestId,
      at: ctx.now(),
    });
    return { Data: writeData(updated, true) };
  },
});
