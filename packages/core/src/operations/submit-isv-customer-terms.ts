// SubmitIsvCustomerTerms: registers a customer's company details and the name of the agreement file already
// uploaded to OSS. Inputs are validated (and trimmed) before the call; the response has no Data. This is the
// `legacy` API generation; submitIsvCustomerTerms (the client method) goes through api-generation.ts, which may
// send the same terms through UpdateInstance instead.
import type { ClientContext } from '../context.js';
import { deliveryOf } from '../error-codes.js';
import { ChatAppError } from '../errors.js';
import { emit, type UsedGeneration } from '../events.js';
import { settleByReadBack } from '../settle-by-read-back.js';
import { sendChatApp } from '../transport/chat-app-rpc.js';
import { validateCustomerTerms, type CustomerTerms } from '../validation/schemas.js';
import { writeTerms } from '../api-generation.js';
import { objectKeyFor } from './upload-terms-file.js';

/** The operation name. */
export const SUBMIT_ISV_CUSTOMER_TERMS = 'SubmitIsvCustomerTerms';

/** The customer's company details: the six request fields other than the agreement. */
export interface CompanyDetailsInput {
  /** Space ID of the ISV's customer. */
  custSpaceId: string;
  /** Enterprise name. */
  custName: string;
  /** Enterprise address. */
  officeAddress: string;
  /** Enterprise contact e-mail. */
  contactMail: string;
  /** ISO 3166-1 alpha-2 country code, e.g. `SG`. */
  countryId: string;
  /** Business scenario. */
  businessDesc: string;
}

/** Input of submitIsvCustomerTerms: the seven request fields. */
export interface SubmitIsvCustomerTermsInput extends CompanyDetailsInput {
  /** The uploaded agreement's bare file name (UploadResult.isvTerms). */
  isvTerms: string;
}

/** Result of a write of a customer's terms, whichever generation carried it. */
export interface SubmitResult {
  /** RequestId of the write (SubmitIsvCustomerTerms or UpdateInstance). */
  requestId: string;
  /** `OK`. */
  code: string;
  /** The service's message. */
  message: string;
  /** Requests sent, the successful one included (retries of failures that provably recorded nothing). */
  attempts: number;
  /**
   * True when the answer was lost (timeout or dropped connection after sending) and reading the record back found
   * exactly what was sent: the submission is recorded, and was not sent again. `requestId` is then empty.
   */
  recoveredByReadBack?: true;
  /**
   * True when the answer was lost, the record read back did not show the write, and it was therefore sent once more
   * (client option `lostAnswer: 'resend-if-absent'`, the default). `attempts` counts both sends.
   */
  resentAfterReadBack?: true;
  /** The API generation that carried the write. */
  generation: UsedGeneration;
  /** The record written (`instance` writes only). */
  instanceId?: string | undefined;
  /** What was sent as IsvTerms: the file name (legacy) or the presigned URL without its query string (instance). */
  isvTerms: string;
}

/** Where the submitted agreement lives, for naming it in an OutcomeUnknownError. */
export interface SubmitContext {
  /** The OSS object key of the uploaded agreement. */
  objectKey?: string | undefined;
}

/**
 * Sends validated terms. A submission is a legal record and not idempotent: failures that provably recorded nothing
 * (refused connection, an error answer) are retried; a lost answer (timeout, reset after sending) is never resent
 * blindly but settled by reading the record back (settle-by-read-back.ts): a match is success
 * (`recoveredByReadBack`); a record that does not show the write lets it be sent once more (`mayResend`, per the
 * client's `lostAnswer` policy); anything else is an OutcomeUnknownError naming the space and the file.
 */
export async function submitValidated(
  ctx: ClientContext,
  terms: CustomerTerms,
  where: SubmitContext = {},
  mayResend = true,
): Promise<SubmitResult> {
  let sent;
  try {
    sent = await sendChatApp(
      ctx,
      SUBMIT_ISV_CUSTOMER_TERMS,
      {
        CustSpaceId: terms.custSpaceId,
        CustName: terms.custName,
        OfficeAddress: terms.officeAddress,
        ContactMail: terms.contactMail,
        CountryId: terms.countryId,
        BusinessDesc: terms.businessDesc,
        IsvTerms: terms.isvTerms,
      },
      { idempotent: false },
    );
  } catch (error) {
    if (error instanceof ChatAppError && deliveryOf(error.code, error.httpStatus) === 'unknown') {
      const { isvTerms, ...company } = terms;
      return settleByReadBack(
        ctx,
        {
          operation: SUBMIT_ISV_CUSTOMER_TERMS,
          generation: 'legacy',
          company,
          upload: { isvTerms, objectKey: where.objectKey },
          lost: error,
        },
        // Sent once more only after the record was read and does not show it; a second lost answer is reported.
        mayResend ? () => submitValidated(ctx, terms, where, false) : undefined,
      );
    }
    throw error;
  }
  const { body, attempts } = sent;
  const result: SubmitResult = {
    requestId: typeof body['RequestId'] === 'string' ? body['RequestId'] : '',
    code: typeof body['Code'] === 'string' ? body['Code'] : 'OK',
    message: typeof body['Message'] === 'string' ? body['Message'] : '',
    attempts,
    generation: 'legacy',
    isvTerms: terms.isvTerms,
  };
  emit(ctx, 'customer terms submitted', {
    type: 'submitted',
    custSpaceId: terms.custSpaceId,
    requestId: result.requestId,
    generation: 'legacy',
  });
  return result;
}

/**
 * submitIsvCustomerTerms: validate, then write through the client's generation. An `instance` write needs the
 * object key, `Dir/<isvTerms>`, whose Dir comes from the space's (cached) upload authorization.
 */
export async function submitIsvCustomerTerms(
  ctx: ClientContext,
  input: SubmitIsvCustomerTermsInput,
): Promise<SubmitResult> {
  const { isvTerms, ...company } = validateCustomerTerms(input);
  return writeTerms(ctx, company, {
    isvTerms,
    objectKey: async () => objectKeyFor((await ctx.authorizations.get(ctx, company.custSpaceId)).dir, isvTerms),
  });
}
