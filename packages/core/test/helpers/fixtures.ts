// Shared inputs for the core tests: a small but real PDF and a valid set of company details.

/** A minimal, well-formed one-page PDF. */
export function samplePdf(label = 'Sample ISV customer agreement'): Buffer {
  const text = `BT /F1 12 Tf 72 720 Td (${label}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
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
