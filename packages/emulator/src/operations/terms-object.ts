// The agreement file a submission names, checked the same way by the legacy action and the *Instance operations:
// it exists in the agreement bucket, begins like a PDF and is within the console's size limit.
import { rpcErrors } from '../errors.js';
import type { OperationContext } from './context.js';

/** The console's stated limit for an agreement file. */
export const MAX_TERMS_BYTES = 2 * 1024 * 1024;

/** Throws `InvalidIsvTerms.NotFound` / `.TooLarge` / `.NotPdf` unless `key` is a usable agreement file. */
export function requireTermsObject(key: string, ctx: OperationContext): void {
  const object = ctx.objects.get(ctx.bucket, key);
  if (!object) throw rpcErrors.termsNotFound(key);
  if (object.size > MAX_TERMS_BYTES) throw rpcErrors.termsTooLarge(MAX_TERMS_BYTES);
  if (!object.body.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw rpcErrors.termsNotPdf();
}
