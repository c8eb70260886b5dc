// A small but well-formed PDF for the packages' tests: one page, one line of Helvetica text, a correct xref table,
// so anything that parses PDFs (or checks their header and trailer) accepts it. Test support only: no package's
// runtime imports it; each package's tests import it by relative path.

/** Where the text line starts on the page, in points from the bottom left. */
export interface TextPosition {
  x: number;
  y: number;
}

/** A one-page PDF whose page shows `text` at `at`. */
export function onePagePdf(text: string, at: TextPosition = { x: 72, y: 720 }): Buffer {
  const content = `BT /F1 12 Tf ${at.x} ${at.y} Td (${text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
