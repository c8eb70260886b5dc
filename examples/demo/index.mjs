#!/usr/bin/env node
// Demo: onboard one customer end to end, with nothing but Node.js. It starts the ChatApp emulator in this process,
// writes a sample agreement PDF to a temporary folder, and calls submitCustomerTerms with the emulator's first
// (fully permitted) account, which authorizes, uploads the PDF to OSS and submits the terms. A logger prints each
// step as it happens (ids, keys and hashes only: the client never logs secrets), then the demo prints what the
// emulator recorded. Run it with `npm run demo` from the repository root.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIsvTermsClient } from '@chatapp-isv/core';
import { startEmulator } from '@chatapp-isv/emulator';

/** A one-page PDF with a line of text: enough for the client's %PDF- check and for any viewer. */
function samplePdf(text) {
  const content = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Prints the client's step lines; the fields carry ids, keys and hashes, never credentials. */
const STEP_NAMES = { authorized: 'authorize', uploaded: 'upload', submitted: 'submit' };
const logger = {
  debug() {},
  // The step comes from the typed event name in fields.event, not from the wording of the message.
  info(message, { event, ...fields } = {}) {
    const step = STEP_NAMES[event] ?? 'info';
    const details = Object.entries(fields)
      .map(([key, value]) => `${key}=${value}`)
      .join(' ');
    console.log(`  [${step}] ${message}: ${details}`);
  },
  warn(message, fields = {}) {
    console.log(`  [retry] ${message}: ${JSON.stringify(fields)}`);
  },
  error(message, fields = {}) {
    console.log(`  [error] ${message}: ${JSON.stringify(fields)}`);
  },
};

async function main() {
  const emulator = await startEmulator();
  let folder;
  try {
    folder = await mkdtemp(join(tmpdir(), 'chatapp-isv-demo-'));
    const [account] = emulator.accounts;
    const custSpaceId = account.custSpaceIds[0];
    console.log(`ChatApp emulator listening at ${emulator.endpoint} (in this process)`);
    console.log(`Using its first account (AccessKey ID ${account.accessKeyId}) and customer space ${custSpaceId}`);

    const termsPath = join(folder, 'acme-isv-terms.pdf');
    const pdf = samplePdf('ISV customer agreement - Acme Pte Ltd');
    await writeFile(termsPath, pdf);
    console.log(`Wrote a sample agreement: acme-isv-terms.pdf (${pdf.length} bytes)`);

    const client = createIsvTermsClient({
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
      logger,
    });

    console.log('\nsubmitCustomerTerms:');
    const result = await client.submitCustomerTerms({
      custSpaceId,
      custName: 'Acme Pte Ltd',
      officeAddress: '1 Example Road, Singapore 000001',
      contactMail: 'legal@acme.example',
      countryId: 'SG',
      businessDesc: 'Order updates and customer support over WhatsApp',
      termsFile: termsPath,
    });
    console.log(`  -> IsvTerms ${result.upload.isvTerms}, object ${result.upload.objectKey}`);
    console.log(`  -> sha256 ${result.upload.sha256}, ${result.upload.size} bytes`);
    console.log(`  -> SubmitIsvCustomerTerms ${result.submit.code}, RequestId ${result.submit.requestId}`);

    console.log('\nWhat the emulator recorded:');
    for (const submission of emulator.submissions()) {
      console.log(
        `  submission v${submission.version}: space ${submission.custSpaceId}, ${submission.custName} (${submission.countryId}), ` +
          `contact ${submission.contactMail}, IsvTerms ${submission.isvTerms}, RequestId ${submission.requestId}`,
      );
    }
    for (const object of emulator.objects()) {
      const same = object.sha256 === result.upload.sha256 ? 'matches the upload' : 'DIFFERS from the upload';
      console.log(`  object ${object.bucket}/${object.key}: ${object.size} bytes, sha256 ${object.sha256} (${same})`);
    }
    const stats = emulator.stats();
    const calls = Object.entries(stats.operations)
      .filter(([, counts]) => counts.requests > 0)
      .map(([operation, counts]) => `${operation} ${counts.succeeded}/${counts.requests}`)
      .join(', ');
    console.log(`  calls succeeded/received: ${calls}; rejected ${stats.rejected}`);
    console.log('\nDone: the customer is onboarded.');
  } finally {
    await emulator.close();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
