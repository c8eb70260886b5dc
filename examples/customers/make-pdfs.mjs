#!/usr/bin/env node
// Writes a small, valid one-page PDF per customer of customers.csv into signed/ — stand-ins for the signed
// ISV/Client agreements, so the example runs as is. Usage: node make-pdfs.mjs
// The PDFs are built by hand because they are trivial (one page, one line of text); offsets in the cross-reference
// table are computed, so PDF readers open them without repair.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** A one-page PDF showing `text` (ASCII). */
function pdf(text) {
  const escaped = text.replace(/[\\()]/g, (char) => `\\${char}`);
  const stream = `BT /F1 14 Tf 72 720 Td (${escaped}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = body.length;
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const customers = [
  ['acme-isv-terms.pdf', 'ISV/Client agreement - Acme Pte Ltd (sample)'],
  ['mueller-isv-terms.pdf', 'ISV/Client agreement - Mueller, Soehne & Co. KG (sample)'],
  ['sakura-isv-terms.pdf', 'ISV/Client agreement - Sakura K.K. (sample)'],
];
for (const [file, text] of customers) writeFileSync(join(here, 'signed', file), pdf(text));
console.log(`wrote ${customers.length} PDFs to ${join('examples', 'customers', 'signed')}`);
