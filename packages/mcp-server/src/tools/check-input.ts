// The tools' side of "report every problem at once": every check a tool makes (company fields, space id, IsvTerms
// name, terms file) runs through core's validateAll, so upload, onboard and validate merge problems the same way.
// Two things are the server's own: a custSpaceId sent as a JSON number is normalized first (its problem replaces
// core's about the same field), and a refused file path (FileAccessError, with its code and hint) joins the other
// problems as an issue of its field, or stays a FileAccessError when it is the only problem, so its hint survives.
import {
  custSpaceIdSchema,
  fileNameSchema,
  validateAll,
  validateCompanyDetails,
  ValidationError,
  type Check,
  type CompanyDetails,
} from '@chatapp-isv/core';

import { FileAccessError } from '../files.js';
import { mergeIssues, withStringSpaceId } from './fields.js';

/** Checks the six company fields, custSpaceId normalized from a JSON number first. */
export function checkCompanyDetails(input: { custSpaceId?: string | number | undefined }): CompanyDetails {
  const { args, issues } = withStringSpaceId(input);
  let details: CompanyDetails | undefined;
  let theirs: readonly { field: string; message: string }[] = [];
  try {
    details = validateCompanyDetails(args);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    theirs = error.issues;
  }
  if (issues.length > 0 || details === undefined) throw new ValidationError(mergeIssues(issues, theirs));
  return details;
}

/** Checks one custSpaceId (string or JSON number); returns core's trimmed string. */
export function checkCustSpaceId(raw: string | number | undefined): string {
  const { args, issues } = withStringSpaceId({ custSpaceId: raw });
  if (issues.length > 0) throw new ValidationError(issues);
  const parsed = custSpaceIdSchema.safeParse(args.custSpaceId);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((issue) => ({ field: 'custSpaceId', message: issue.message })));
  }
  return parsed.data;
}

/** Checks an IsvTerms name with core's file-name rule. */
export function checkIsvTerms(isvTerms: string): string {
  const parsed = fileNameSchema.safeParse(isvTerms);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((issue) => ({ field: 'isvTerms', message: issue.message })));
  }
  return parsed.data;
}

/**
 * Runs every check with core's validateAll and returns their values; throws one ValidationError naming every
 * problem, or the FileAccessError itself when a refused path is the only problem.
 */
export async function checkInput<T extends readonly unknown[]>(checks: {
  readonly [K in keyof T]: Check<T[K]>;
}): Promise<T> {
  let refused: FileAccessError | undefined;
  const wrapped = (checks as readonly Check<unknown>[]).map((check) => async () => {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof FileAccessError)) throw error;
      refused = error;
      throw new ValidationError([{ field: error.field, message: error.message }]);
    }
  });
  try {
    return (await validateAll(wrapped)) as unknown as T;
  } catch (error) {
    if (error instanceof ValidationError && refused !== undefined && error.issues.length === 1) throw refused;
    throw error;
  }
}
