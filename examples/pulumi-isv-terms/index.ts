// The ChatApp agreements of three customers, as code. `pulumi up` uploads each signed PDF and submits it with
// SubmitIsvCustomerTerms; later runs change only the customers whose details or PDF changed. Credentials come from
// stack configuration (alicloud:accessKey / alicloud:secretKey) or ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET, never from here.
import * as pulumi from '@pulumi/pulumi';
import { IsvCustomerTerms } from '@chatapp-isv/pulumi-provider';

const acme = new IsvCustomerTerms('acme-trading', {
  custSpaceId: '2934839388490101',
  custName: 'Acme Trading Pte. Ltd.',
  officeAddress: '1 Harbourfront Avenue, Singapore 098632',
  contactMail: 'legal@acme-trading.example',
  countryId: 'SG',
  businessDesc: 'Order updates and customer support on WhatsApp',
  termsFile: 'terms/acme-trading.pdf',
});

const batik = new IsvCustomerTerms('batik-house', {
  custSpaceId: '2934839388490102',
  custName: 'PT Batik House Indonesia',
  officeAddress: 'Jl. Sudirman 25, Jakarta 10220',
  contactMail: 'compliance@batik-house.example',
  countryId: 'ID',
  businessDesc: 'Marketing messages to opted-in shoppers',
  termsFile: 'terms/batik-house.pdf',
});

// A FileAsset works too, and `fileName` chooses the name the PDF is submitted under.
const lotus = new IsvCustomerTerms('lotus-clinic', {
  custSpaceId: '2934839388490103',
  custName: 'Lotus Clinic Sdn. Bhd.',
  officeAddress: '12 Jalan Ampang, Kuala Lumpur 50450',
  contactMail: 'admin@lotus-clinic.example',
  countryId: 'MY',
  businessDesc: 'Appointment reminders',
  termsFile: new pulumi.asset.FileAsset('terms/lotus-clinic.pdf'),
  fileName: 'lotus-clinic-terms-2026.pdf',
});

/** What was submitted for each customer. */
export const submitted = Object.fromEntries(
  Object.entries({ acme, batik, lotus }).map(([name, terms]) => [
    name,
    { isvTerms: terms.isvTerms, requestId: terms.requestId, submittedAt: terms.submittedAt, sha256: terms.termsSha256 },
  ]),
);
