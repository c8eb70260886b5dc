// GetChatappUploadAuthorization: temporary OSS credentials that may write only under the space's folder.
import { rpcErrors } from '../errors.js';
import { dirFor, type OperationCall, type OperationContext, type OperationResult } from './context.js';
import { requireSpaceId } from './validate.js';

/** Issues an upload credential set for a space the caller owns. */
export function getChatappUploadAuthorization(call: OperationCall, ctx: OperationContext): OperationResult {
  const custSpaceId = requireSpaceId(call.params);
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
}
