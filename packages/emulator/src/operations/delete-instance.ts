// DeleteInstance: removes one of the caller's records. A direct customer's space is its instance, so it goes too;
// an ISV sub-customer's space stays (it came from binding a WABA), and its next SubmitIsvCustomerTerms mints a new
// record. The submission history is never touched.
import { defineOperation, required } from './definition.js';
import { ownedInstance } from './instance-records.js';
import { spaceId } from './validate.js';

/** Deletes one record. */
export const deleteInstance = defineOperation({
  action: 'DeleteInstance',
  params: { InstanceId: required(spaceId) },
  successField: true,
  handle(args, call, ctx) {
    const record = ownedInstance(args.InstanceId, call, ctx);
    ctx.instances.remove(record.instanceId);
    if (record.custSpaceId === record.instanceId) ctx.store.removeSpace(record.custSpaceId);
    return {};
  },
});
