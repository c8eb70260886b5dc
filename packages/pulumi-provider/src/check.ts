// `check`: validates the inputs with core's own schemas and reports every bad property as a failure (Pulumi shows
// them all at once, before anything is created). It also reads the terms file, checks it is a PDF within the size
// limit, and records its SHA-256, size and upload name as derived inputs, so that editing the PDF shows up in
// `pulumi preview` as a change. It never touches the network, so it is safe in preview.
import { companyDetailsSchema, readTermsFile } from '@chatapp-isv/core';
import { locateTermsFile } from './terms-file.js';
import { COMPANY_FIELDS, UNKNOWN, isUnknown, type TermsCheckResult } from './types.js';

/** Options of checkTerms. */
export interface CheckOptions {
  /** The Pulumi project directory: relative terms file paths resolve against it. */
  cwd: string;
  /** Largest accepted terms file in bytes (core's default, 2 MiB, when undefined). */
  maxFileBytes?: number | undefined;
}

interface Issue {
  field: string;
  message: string;
}

function issuesOf(error: unknown): Issue[] | undefined {
  const issues = (error as { issues?: unknown })?.issues;
  return Array.isArray(issues) ? (issues as Issue[]) : undefined;
}

/** Validates new inputs; returns normalized inputs plus derived file facts, and one failure per bad property. */
export async function checkTerms(news: Record<string, unknown>, options: CheckOptions): Promise<TermsCheckResult> {
  const inputs: Record<string, unknown> = { ...news };
  const failures: TermsCheckResult['failures'] = [];

  for (const field of COMPANY_FIELDS) {
    const raw = news[field];
    if (isUnknown(raw)) continue;
    const parsed = companyDetailsSchema.shape[field].safeParse(raw);
    if (parsed.success) inputs[field] = parsed.data;
    else failures.push({ property: field, reason: parsed.error.issues.map((issue) => issue.message).join('; ') });
  }

  const fileName = news['fileName'];
  if (fileName !== undefined && fileName !== null && typeof fileName !== 'string' && !isUnknown(fileName)) {
    failures.push({ property: 'fileName', reason: 'must be a string' });
  }

  delete inputs['isvTerms'];
  delete inputs['termsSha256'];
  delete inputs['termsSize'];
  if (isUnknown(news['termsFile']) || isUnknown(fileName)) {
    // Not known until an upstream resource exists: the file counts as changed.
    Object.assign(inputs, { isvTerms: UNKNOWN, termsSha256: UNKNOWN, termsSize: UNKNOWN });
    return { inputs, failures };
  }

  const location = await locateTermsFile(news['termsFile'], options.cwd);
  if (location.problem !== undefined) {
    failures.push({ property: 'termsFile', reason: location.problem });
    return { inputs, failures };
  }
  try {
    const file = await readTermsFile(location.path, {
      maxBytes: options.maxFileBytes,
      fileName: typeof fileName === 'string' ? fileName : undefined,
      field: 'termsFile',
    });
    Object.assign(inputs, { isvTerms: file.fileName, termsSha256: file.sha256, termsSize: file.size });
  } catch (error) {
    const issues = issuesOf(error);
    if (issues === undefined) {
      failures.push({ property: 'termsFile', reason: `cannot be read: ${(error as Error)?.message ?? String(error)}` });
    }
    for (const issue of issues ?? []) {
      if (issue.field === 'fileName' && typeof fileName === 'string') {
        failures.push({ property: 'fileName', reason: issue.message });
      } else if (issue.field === 'fileName') {
        failures.push({
          property: 'termsFile',
          reason: `its file name ${issue.message}; set fileName to upload it under another name`,
        });
      } else {
        failures.push({ property: 'termsFile', reason: issue.message });
      }
    }
  }
  return { inputs, failures };
}
