// GeneratePresignedUrl: a time-limited GET URL for an object in the agreement bucket, under the folder of a space
// the caller owns. The URL carries an OSS V1 query-string signature made with the service's own key and is served
// by the emulator's OSS side (auth/oss-presigned.ts). The object need not exist yet, as with OSS presigning.
import { presignGetUrl } from '../auth/oss-presigned.js';
import { rpcErrors } from '../errors.js';
import { defineOperation, optional, required } from './definition.js';
import { ownedSpaceOfKey } from './instance-records.js';
import { objectPath } from './instance-rules.js';
import { text } from './validate.js';

/** Signs a GET URL for `FilePath` valid for the emulator's presigned-URL lifetime. */
export const generatePresignedUrl = defineOperation({
  action: 'GeneratePresignedUrl',
  params: {
    FilePath: required(objectPath),
    OwnerId: optional(text(64)),
    ResourceOwnerAccount: optional(text(128)),
    ResourceOwnerId: optional(text(64)),
  },
  successField: true,
  handle(args, call, ctx) {
    if (ownedSpaceOfKey(args.FilePath, call, ctx) === undefined) throw rpcErrors.foreignResource();
    const expiresAt = Math.floor(ctx.now() / 1000) + ctx.presignedUrlTtlSeconds;
    return { Data: { Url: presignGetUrl(ctx.ossEndpoint(), ctx.bucket, args.FilePath, ctx.presignKey, expiresAt) } };
  },
});
