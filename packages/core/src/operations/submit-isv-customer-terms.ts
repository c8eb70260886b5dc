// SubmitIsvCustomerTerms: registers a customer's company details and the name of the agreement file already
// uploaded to OSS. Inputs are validated (and trimmed) before the call; the response has no Data.
import type { ClientContext } from '../context.js';
import { emit } from '../events.js';
import { callChatApp } from '../transport/chat-app-rpc.js';
import { validateCustomerTerms, type CustomerTerms } from '../validation/schemas.js';

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

/** Result of submitIsvCustomerTerms. */
export interface SubmitResult {
  /** RequestId of the call. */
  requestId: string;
  /** `OK`. */
  code: string;
  /** The service's message. */
  message: string;
}

/** Sends validated terms. */
export async function submitValidated(ctx: ClientContext, terms: CustomerTerms): Promise<SubmitResult> {
  const body = await callChatApp(ctx, SUBMIT_ISV_CUSTOMER_TERMS, {
    CustSpaceId: terms.custSpaceId,
    CustName: terms.custName,
    OfficeAddress: terms.officeAddress,
    ContactMail: terms.contactMail,
    CountryId: terms.countryId,
    BusinessDesc: terms.businessDesc,
    IsvTerms: terms.isvTerms,
  });
  const result: SubmitResult = {
    requestId: typeof body['RequestId'] === 'string' ? body['RequestId'] : '',
    code: typeof body['Code'] === 'string' ? body['Code'] : 'OK',
    message: typeof body['Message'] === 'string' ? body['Message'] : '',
  };
  emit(ctx, 'customer terms submitted', {
    type: 'submitted',
    custSpaceId: terms.custSpaceId,
    requestId: result.requestId,
    generation: 'legacy',
  });
  return result;
}

/** submitIsvCustomerTerms: validate, then call. */
export async function submitIsvCustomerTerms(
  ctx: ClientContext,
  input: SubmitIsvCustomerTermsInput,
): Promise<SubmitResult> {
  return submitValidated(ctx, validateCustomerTerms(input));
}
