// QueryInstance: one of the caller's records by InstanceId, in the fields of the newest SDK model (which has no
// CustSpaceId and no State: those come from ListInstance).
import { defineOperation, required } from './definition.js';
import { ownedInstance, queryData } from './instance-records.js';
import { spaceId } from './validate.js';

/** Returns one record. */
export const queryInstance = defineOperation({
  action: 'QueryInstance',
  params: { InstanceId: required(spaceId) },
  successField: true,
  handle(args, call, ctx) {
    return { Data: queryData(ownedInstance(args.InstanceId, call, ctx)) };
  },
});
