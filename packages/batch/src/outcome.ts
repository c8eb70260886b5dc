// How a failed step is recorded. The rule that matters: a submit that may have reached the service is never
// "failed" (which would invite a blind resend) but "unknown". A submit is known not to have been handled when the
// service answered (an HTTP status, or HTTP 200 with an error Code), when the connection was refused, or when the
// failure came before sending (validation, configuration). A reset or timeout without an answer is unknown, and so
// is core's OutcomeUnknownError (core throws it when it could not settle a lost answer by reading the record back).
import {
  ChatAppError,
  errorHint,
  isRetryable,
  OssError,
  OutcomeUnknownError,
  redactSecrets,
  ValidationError,
  type HintNames,
} from '@chatapp-isv/core';

/** A step's failure, classified. */
export interface StepFailure {
  /** `failed`: known not on record. `unknown`: may be on record. */
  readonly kind: 'failed' | 'unknown';
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  /** Core's action for the error class (permissions, quota, endpoint, credentials), in the front end's words. */
  readonly hint?: string | undefined;
}

/** Socket codes that prove the request never reached the service. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Classifies an error thrown by an upload (`submit: false`) or a submit (`submit: true`); `names` says how the
 * front end's user spells the settings a hint may name (e.g. `--endpoint`).
 */
export function classifyFailure(error: unknown, submit: boolean, names: HintNames = {}): StepFailure {
  const name = (error as Error | undefined)?.name;
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  if (error instanceof OutcomeUnknownError || name === 'OutcomeUnknownError') {
    return { kind: 'unknown', code: 'OutcomeUnknown', message, retryable: false };
  }
  if (error instanceof ValidationError) {
    const text = error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
    return { kind: 'failed', code: 'ValidationError', message: redactSecrets(text), retryable: false };
  }
  if (error instanceof ChatAppError || error instanceof OssError) {
    const answered = error.httpStatus !== undefined || NOT_SENT_CODES.has(error.code);
    const kind = submit && !answered ? 'unknown' : 'failed';
    const hint = errorHint(error, names);
    return { kind, code: error.code, message, retryable: isRetryable(error), ...(hint !== undefined ? { hint } : {}) };
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return { kind: 'failed', code: typeof code === 'string' ? code : (name ?? 'Error'), message, retryable: false };
}
