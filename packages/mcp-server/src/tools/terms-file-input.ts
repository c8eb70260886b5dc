// Turns a tool's file fields (filePath, or contentBase64 + fileName) into checked bytes. Paths go through the
// allowed-directory confinement in files.ts; base64 is size-checked before it is decoded; both then pass core's
// readTermsFile, which checks the file name, the %PDF- signature and the size, and computes the SHA-256.
import { readTermsFile, ValidationError } from '@chatapp-isv/core';
import type { TermsFile } from '@chatapp-isv/core';

import type { FileAccess } from '../files.js';

/** The file fields as a tool receives them. */
export interface TermsFileFields {
  readonly filePath?: string | undefined;
  readonly contentBase64?: string | undefined;
  readonly fileName?: string | undefined;
}

/** What resolving the file fields needs. */
export interface TermsFileDeps {
  readonly files: FileAccess;
  readonly maxFileBytes: number;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** True when the caller supplied a file by either route. */
export function hasTermsFile(fields: TermsFileFields): boolean {
  return fields.filePath !== undefined || fields.contentBase64 !== undefined;
}

/** Checks the file fields and returns the file in memory; throws ValidationError or FileAccessError. */
export async function resolveTermsFile(fields: TermsFileFields, deps: TermsFileDeps): Promise<TermsFile> {
  const { filePath, contentBase64, fileName } = fields;
  if (filePath !== undefined && contentBase64 !== undefined) {
    throw new ValidationError([{ field: 'filePath', message: 'give either filePath or contentBase64, not both' }]);
  }
  if (filePath === undefined && contentBase64 === undefined) {
    throw new ValidationError([
      { field: 'filePath', message: 'the agreement PDF is required: give filePath, or contentBase64 with fileName' },
    ]);
  }
  if (filePath !== undefined) {
    const local = await deps.files.readPdf(filePath);
    return readTermsFile(local.bytes, {
      maxBytes: deps.maxFileBytes,
      fileName: fileName ?? local.fileName,
      field: 'filePath',
    });
  }
  const encoded = (contentBase64 ?? '').replace(/\s+/g, '');
  if (fileName === undefined) {
    throw new ValidationError([{ field: 'fileName', message: 'is required with contentBase64' }]);
  }
  if (encoded.length === 0 || encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    throw new ValidationError([
      { field: 'contentBase64', message: 'must be standard base64 (A-Z, a-z, 0-9, +, /, = padding)' },
    ]);
  }
  // Decoded size is known from the length: refuse an oversized file before allocating it.
  const padding = encoded.endsWith('==') ? 2 : encoded.endsWith('=') ? 1 : 0;
  const decodedSize = (encoded.length / 4) * 3 - padding;
  if (decodedSize > deps.maxFileBytes) {
    throw new ValidationError([
      { field: 'contentBase64', message: `decodes to ${decodedSize} bytes; the limit is ${deps.maxFileBytes} bytes` },
    ]);
  }
  return readTermsFile(Buffer.from(encoded, 'base64'), {
    maxBytes: deps.maxFileBytes,
    fileName,
    field: 'contentBase64',
  });
}
