// GetChatappUploadAuthorization: temporary OSS credentials that may write only under the space's folder.
import { rpcErrors } from '../errors.js';
import { dirFor } from './context.js';
import { defineOperation, required } from './definition.js';
import { spaceId } from './validate.js';

/** Issues an upload credential set for a space the caller owns. */
export const getChatappUploadAuthorization = defineOperation({
  action: 'GetChatappUploadAuthorization',
  params: { CustSpaceId: required(spaceId) },
  successField: false,
  handle({ CustSpaceId: custSpaceId }, call, ctx) {
    if (ctx.store.ownerOf(custSpaceId) !== call.caller.account) throw rpcErrors.foreignResource();
    const dir = dirFor(custSpaceId);
    const sts = ctx.store.issue(call.caller.account, ctx.authorizationTtlSeconds, {
      bucket: ctx.bucket,
      dir,
      custSpaceId,
    });
    return {
      Data: {
        AccessKeyId: sts.accessKeyId,
        AccessKeySecret: sts.accessKeySecret,
        SecurityToken: sts.securityToken,
        BucketName: ctx.bucket,
        Dir: dir,
        EndPoint: ctx.ossEndpoint(),
        Expire: ctx.authorizationTtlSeconds,
      },
    };
  },
});
