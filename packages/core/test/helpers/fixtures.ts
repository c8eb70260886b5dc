// Shared inputs for the core tests: a small but real PDF and a valid set of company details.
import { onePagePdf } from '../../../../test/support/one-page-pdf.js';

/** A minimal, well-formed one-page PDF. */
export function samplePdf(label = 'Sample ISV customer agreement'): Buffer {
  return onePagePdf(label);
}

/** A valid SubmitIsvCustomerTerms input for `custSpaceId`. */
export function validTerms(custSpaceId = '100000000000001') {
  return {
    custSpaceId,
    custName: 'Acme Pte Ltd',
    officeAddress: '1 Example Road, Singapore',
    contactMail: 'legal@acme.example',
    countryId: 'SG',
    businessDesc: 'Order notifications over WhatsApp',
    isvTerms: 'acme-terms.pdf',
  };
}

/** submitCustomerTerms input for `custSpaceId`: the valid company details and a sample PDF named `fileName`. */
export function onboardingInput(custSpaceId: string, fileName: string) {
  const { isvTerms: _unused, ...company } = validTerms(custSpaceId);
  void _unused;
  return { ...company, termsFile: samplePdf(), fileName };
}
