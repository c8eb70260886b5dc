// `check`: validates the inputs with core's own schemas and reports every bad property as a failure (Pulumi shows
// them all at once, before anything is created). It also reads the terms file, checks it is a PDF within the size
// limit, and records its SHA-256, size and upload name as derived inputs, so that editing the PDF shows up in
// `pulumi preview` as a change. It never touches the network, so it is safe in preview.
import {
  companyDetailsSchema,
  readTermsFile,
  validateAll,
  ValidationError,
  type Check,
  type ValidationIssue,
} from '@chatapp-isv/core';
import { locateTermsFile } from './terms-file.js';
import { COMPANY_FIELDS, UNKNOWN, isUnknown, type TermsCheckResult } from './types.js';

/** Options of checkTerms. */
export interface CheckOptions {
  /** The Pulumi project directory: relative terms file paths resolve against it. */
  cwd: string;
  /** Largest accepted terms file in bytes (core's default, 2 MiB, when undefined). */
  maxFileBytes?: number | undefined;
}

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message }]);
};

/**
 * Core's file issues in the user's words: the PDF is `termsFile`; its name is `fileName` only when the user set
 * `fileName` (otherwise it is the termsFile's own name, and renaming it is done with `fileName`).
 */
function renameFileIssue(issue: ValidationIssue, fileNameGiven: boolean): ValidationIssue {
  if (issue.field !== 'fileName') return { field: 'termsFile', message: issue.message };
  if (fileNameGiven) return issue;
  return {
    field: 'termsFile',
    message: `its file name ${issue.message}; set fileName to upload it under another name`,
  };
}

/** Validates new inputs; returns normalized inputs plus derived file facts, and one failure per bad property. */
export async function checkTerms(news: Record<string, unknown>, options: CheckOptions): Promise<TermsCheckResult> {
  const inputs: Record<string, unknown> = { ...news };
  const fileName = news['fileName'];
  delete inputs['isvTerms'];
  delete inputs['termsSha256'];
  delete inputs['termsSize'];
  const fileUnknown = isUnknown(news['termsFile']) || isUnknown(fileName);

  // Every check runs through core's validateAll, so Pulumi lists every bad property at once, as the MCP tools do.
  const checks: Check<unknown>[] = [
    ...COMPANY_FIELDS.map((field) => () => {
      const raw = news[field];
      if (isUnknown(raw)) return;
      const parsed = companyDetailsSchema.shape[field].safeParse(raw);
      if (!parsed.success) refuse(field, parsed.error.issues.map((issue) => issue.message).join('; '));
      else inputs[field] = parsed.data;
    }),
    () => {
      if (fileName !== undefined && fileName !== null && typeof fileName !== 'string' && !isUnknown(fileName))
        refuse('fileName', 'must be a string');
    },
    async () => {
      // Not known until an upstream resource exists: the file counts as changed.
      if (fileUnknown) return Object.assign(inputs, { isvTerms: UNKNOWN, termsSha256: UNKNOWN, termsSize: UNKNOWN });
      const location = await locateTermsFile(news['termsFile'], options.cwd);
      if (location.problem !== undefined) return refuse('termsFile', location.problem);
      const given = typeof fileName === 'string';
      try {
        const file = await readTermsFile(location.path, {
          maxBytes: options.maxFileBytes,
          fileName: given ? fileName : undefined,
          field: 'termsFile',
        });
        return Object.assign(inputs, { isvTerms: file.fileName, termsSha256: file.sha256, termsSize: file.size });
      } catch (error) {
        if (!(error instanceof ValidationError)) {
          return refuse('termsFile', `cannot be read: ${(error as Error)?.message ?? String(error)}`);
        }
        throw new ValidationError(error.issues.map((issue) => renameFileIssue(issue, given)));
      }
    },
  ];

  const failures: TermsCheckResult['failures'] = [];
  try {
    await validateAll(checks);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    for (const issue of error.issues) failures.push({ property: issue.field, reason: issue.message });
  }
  return { inputs, failures };
}
