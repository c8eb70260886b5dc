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

/**
 * Writes validated company details plus the uploaded object (`objectKey`, or a way to it, and its file name
 * `isvTerms`) to the space's record. A lost UpdateInstance answer is settled by reading the record back, never by resending.
 */
export async function writeInstanceTerms(
  ctx: ClientContext,
  company: CompanyDetails,
  terms: { isvTerms: string; objectKey: string | (() => Promise<string>) },
): Promise<SubmitResult> {
  const scoped = { ...ctx, custSpaceId: company.custSpaceId };
  // The record first: a space without one fails here, before anything else is asked of the service.
  const instanceId = await ctx.instances.instanceIdFor(scoped, company.custSpaceId);
  const objectKey = typeof terms.objectKey === 'string' ? terms.objectKey : await terms.objectKey();
  const upload = { objectKey, isvTerms: terms.isvTerms };
  const { url } = await generatePresignedUrl(scoped, { filePath: objectKey });
  let updated: UpdateInstanceResult;
  try {
    updated = await updateInstance(scoped, toUpdateInstanceQuery(instanceId, company, url));
  } catch (error) {
    if (!(error instanceof ChatAppError) || deliveryOf(error.code, error.httpStatus) !== 'unknown') throw error;
    return settleByReadBack(scoped, {
      operation: UPDATE_INSTANCE,
      generation: 'instance',
      company,
      upload,
      instanceId,
      lost: error,
    });
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
