// ListInstance: the caller's records, oldest first, one page at a time, each row with its CustSpaceId and State
// (the only way to map a space to its InstanceId: there is no CustSpaceId filter). ChannelType (any case),
// InstanceId and InstanceName (substring) filter; the other documented filters are accepted and not applied.
import { defineOperation, optional } from './definition.js';
import { listRow } from './instance-records.js';
import { booleanText, channelType, wholeNumber } from './instance-rules.js';
import { spaceId, text } from './validate.js';

/** Default and largest page size (the models document neither). */
export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

/** Lists one page of records with the total count. */
export const listInstance = defineOperation({
  action: 'ListInstance',
  params: {
    ChannelType: optional(channelType),
    InstanceName: optional(text(256)),
    InstanceId: optional(spaceId),
    SubmitTime: optional(text(64)),
    ResourceGroupId: optional(text(64)),
    FilterStr: optional(text(256)),
    PageIndex: optional(wholeNumber(1, 1_000_000)),
    PageSize: optional(wholeNumber(1, MAX_PAGE_SIZE)),
    BindId: optional(text(64)),
    IsBind: optional(booleanText),
  },
  successField: true,
  handle(args, call, ctx) {
    const matching = ctx.instances
      .ownedBy(call.caller.account)
      .filter((r) => args.ChannelType === undefined || r.channelType === args.ChannelType)
      .filter((r) => args.InstanceId === undefined || r.instanceId === args.InstanceId)
      .filter((r) => args.InstanceName === undefined || (r.instanceName ?? '').includes(args.InstanceName));
    const pageSize = args.PageSize ?? DEFAULT_PAGE_SIZE;
    const start = ((args.PageIndex ?? 1) - 1) * pageSize;
    return { TotalCount: matching.length, Data: matching.slice(start, start + pageSize).map(listRow) };
  },
});
