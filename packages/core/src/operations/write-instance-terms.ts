// The *Instance way of writing a customer's terms, for accounts where SubmitIsvCustomerTerms is gone: the PDF is
// already uploaded as before (GetChatappUploadAuthorization + PutObject), then GeneratePresignedUrl turns its object
// key into a URL, and UpdateInstance writes the company details and that URL to the space's record, found through
// ListInstance. CreateInstance is not used: it takes no CustSpaceId and would mint a direct customer, not the ISV's
// sub-customer. The flow itself is inferred from the SDK models (README, "Verified and assumed").
import type { ClientContext } from '../context.js';
import { deliveryOf } from '../error-codes.js';
import { ChatAppError } from '../errors.js';
import { emit } from '../events.js';
import { publicIsvTerms, toUpdateInstanceQuery } from '../instance-record.js';
import { settleByReadBack } from '../settle-by-read-back.js';
import type { CompanyDetails } from '../validation/schemas.js';
import { generatePresignedUrl } from './generate-presigned-url.js';
import type { SubmitResult } from './submit-isv-customer-terms.js';
import { UPDATE_INSTANCE, updateInstance, type UpdateInstanceResult } from './update-instance.js';

/** The service's answer for an InstanceId that does not exist (or is not the caller's): nothing was written. */
function isUnknownInstance(error: unknown): boolean {
  return (
    error instanceof ChatAppError && (error.code === 'Unknown.ResourceOwnerId' || error.code.endsWith('.NotFound'))
  );
}

/**
 * Writes validated company details plus the uploaded object (`objectKey`, or a way to it, and its file name
 * `isvTerms`) to the space's record. A lost UpdateInstance answer is settled by reading the record back, never by
 * resending; a refusal naming the instance unknown is retried once after a fresh lookup (`afterStaleMapping`).
 */
export async function writeInstanceTerms(
  ctx: ClientContext,
  company: CompanyDetails,
  terms: { isvTerms: string; objectKey: string | (() => Promise<string>) },
  afterStaleMapping = false,
): Promise<SubmitResult> {
  const scoped = { ...ctx, custSpaceId: company.custSpaceId };
  // The record first: a space without one fails here, before anything else is asked of the service.
  const instanceId = await ctx.instances.instanceIdFor(scoped, company.custSpaceId);
  const objectKey = typeof terms.objectKey === 'string' ? terms.objectKey : await terms.objectKey();
  const upload = { objectKey, isvTerms: terms.isvTerms };
  const { url } = await generatePresignedUrl(scoped, { filePath: objectKey });
  const write: PreparedUpdate = { company, upload, instanceId, url, afterStaleMapping };
  return sendUpdate(ctx, write, true);
}

/** An UpdateInstance ready to send: the record, the presigned URL and what it was made from. */
interface PreparedUpdate {
  company: CompanyDetails;
  upload: { objectKey: string; isvTerms: string };
  instanceId: string;
  url: string;
  /** True once the space's InstanceId was looked up afresh after a refusal (see below). */
  afterStaleMapping: boolean;
}

/** One UpdateInstance send and what its failure leads to (a fresh lookup, a read-back, or the error). */
async function sendUpdate(ctx: ClientContext, write: PreparedUpdate, mayResend: boolean): Promise<SubmitResult> {
  const { company, upload, instanceId, url, afterStaleMapping } = write;
  const scoped = { ...ctx, custSpaceId: company.custSpaceId };
  let updated: UpdateInstanceResult;
  try {
    updated = await updateInstance(scoped, toUpdateInstanceQuery(instanceId, company, url));
  } catch (error) {
    if (!afterStaleMapping && isUnknownInstance(error)) {
      // The cached mapping may be stale (the record was deleted and the space got a new one). The refusal means
      // nothing was written, so after one fresh lookup the write goes once more, to the instance that now exists.
      await ctx.instances.forget(scoped, company.custSpaceId, instanceId);
      const current = await ctx.instances.instanceIdFor(scoped, company.custSpaceId);
      if (current !== instanceId) return writeInstanceTerms(ctx, company, upload, true);
    }
    if (!(error instanceof ChatAppError) || deliveryOf(error.code, error.httpStatus) !== 'unknown') throw error;
    return settleByReadBack(
      scoped,
      { operation: UPDATE_INSTANCE, generation: 'instance', company, upload, instanceId, lost: error },
      // Sent once more only after the record was read and does not show it; a second lost answer is reported.
      mayResend ? () => sendUpdate(ctx, { ...write, afterStaleMapping: true }, false) : undefined,
    );
  }
  emit(ctx, 'customer terms submitted', {
    type: 'submitted',
    custSpaceId: company.custSpaceId,
    requestId: updated.requestId,
    generation: 'instance',
    instanceId,
  });
  return {
    requestId: updated.requestId,
    code: updated.code,
    message: updated.message,
    attempts: updated.attempts,
    generation: 'instance',
    instanceId,
    // The URL without its query: the signature in it must not travel on in results, logs or state.
    isvTerms: publicIsvTerms(url),
  };
}
