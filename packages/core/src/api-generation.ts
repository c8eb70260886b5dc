// Which API generation carries a write. `legacy` is SubmitIsvCustomerTerms (file name as IsvTerms); `instance` is
// GeneratePresignedUrl + UpdateInstance (URL as IsvTerms); `auto` tries legacy and, the first time the gateway
// answers InvalidAction.NotFound (HTTP 404: the action does not exist, so nothing was recorded), switches this
// client to `instance` for good and says so once. Alibaba dropped SubmitIsvCustomerTerms from its API metadata in
// 2025-08 without a deprecation flag, so whether the live service still accepts it is unknown: `auto` keeps working
// either way.
//
// In `auto`, the first legacy write is a probe: writes that start while it is in flight wait for its outcome
// instead of each spending a legacy call (and a quota slot) on a 404.
import type { ClientContext } from './context.js';
import { ChatAppError, ConfigurationError } from './errors.js';
import { emit } from './events.js';
import { submitValidated, type SubmitResult } from './operations/submit-isv-customer-terms.js';
import { writeInstanceTerms } from './operations/write-instance-terms.js';
import type { CompanyDetails } from './validation/schemas.js';

/** The apiGeneration option. */
export type ApiGeneration = 'legacy' | 'instance' | 'auto';

/** The code the API gateway answers for an action that does not exist. */
export const ACTION_NOT_FOUND = 'InvalidAction.NotFound';

/** A client's generation: the option, and what `auto` has learned. */
export interface GenerationState {
  readonly mode: ApiGeneration;
  /** `auto` saw the legacy action withdrawn: write through `instance` from now on. */
  switched: boolean;
  /** `auto` saw a legacy write succeed: no more probing. */
  legacyConfirmed: boolean;
  /** The legacy write in flight that decides `auto`, if any. */
  probe: Promise<unknown> | undefined;
}

/** Checks the option and starts a client's state. */
export function createGenerationState(mode: unknown = 'auto'): GenerationState {
  if (mode !== 'legacy' && mode !== 'instance' && mode !== 'auto') {
    throw new ConfigurationError(
      'apiGeneration',
      `must be "legacy", "instance" or "auto", not ${JSON.stringify(mode)}`,
    );
  }
  return { mode, switched: false, legacyConfirmed: false, probe: undefined };
}

/** True when a legacy write failed because the action is gone (not for any other refusal). */
export function isActionWithdrawn(error: unknown): error is ChatAppError {
  return error instanceof ChatAppError && error.code === ACTION_NOT_FOUND;
}

/** What to write: the uploaded file's name (legacy) and its object key, or a way to it (instance). */
export interface TermsToWrite {
  isvTerms: string;
  objectKey: string | (() => Promise<string>);
}

function viaInstance(ctx: ClientContext, company: CompanyDetails, terms: TermsToWrite): Promise<SubmitResult> {
  return writeInstanceTerms(ctx, company, terms);
}

function viaLegacy(ctx: ClientContext, company: CompanyDetails, terms: TermsToWrite): Promise<SubmitResult> {
  const where = { objectKey: typeof terms.objectKey === 'string' ? terms.objectKey : undefined };
  return submitValidated(ctx, { ...company, isvTerms: terms.isvTerms }, where);
}

function switchToInstance(ctx: ClientContext, error: ChatAppError): void {
  if (ctx.generation.switched) return;
  ctx.generation.switched = true;
  emit(ctx, 'SubmitIsvCustomerTerms is not available (InvalidAction.NotFound); writing through UpdateInstance', {
    type: 'generation-switched',
    from: 'legacy',
    to: 'instance',
    code: error.code,
    requestId: error.requestId,
  });
}

/** Writes validated terms through the client's generation; the result names the generation used. */
export async function writeTerms(
  ctx: ClientContext,
  company: CompanyDetails,
  terms: TermsToWrite,
): Promise<SubmitResult> {
  const state = ctx.generation;
  if (state.mode === 'legacy') return viaLegacy(ctx, company, terms);
  if (state.mode === 'instance' || state.switched) return viaInstance(ctx, company, terms);

  if (!state.legacyConfirmed && state.probe !== undefined) {
    await state.probe.catch(() => undefined);
    if (state.switched) return viaInstance(ctx, company, terms);
  }
  const attempt = viaLegacy(ctx, company, terms);
  const isProbe = !state.legacyConfirmed && state.probe === undefined;
  if (isProbe) state.probe = attempt;
  try {
    const result = await attempt;
    state.legacyConfirmed = true;
    return result;
  } catch (error) {
    if (!isActionWithdrawn(error)) throw error;
    switchToInstance(ctx, error);
    return viaInstance(ctx, company, terms);
  } finally {
    if (isProbe) state.probe = undefined;
  }
}
