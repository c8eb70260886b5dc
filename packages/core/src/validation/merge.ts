// "Report every problem at once": an entry point checks several things (the company fields, the space ID, the file
// name and contents) and must name every bad field in one ValidationError, not stop at the first. This helper is the
// one way to do that, used by core's entry points and exported for the MCP tools and the Pulumi `check`, so they
// agree: every check runs, whatever the others found; the same issue reported by two checks (the space ID is checked
// for the upload and for the submission) appears once.
import { ValidationError, type ValidationIssue } from '../errors.js';

/** One check: returns the checked value, or throws a ValidationError listing its problems. */
export type Check<T> = () => T | Promise<T>;

/** Issues without duplicates (same field and message), in first-seen order. */
export function uniqueIssues(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.field}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Runs every check (all of them, in order) and returns their values in the same order; if any threw a
 * ValidationError, throws one ValidationError with every issue of every check, duplicates removed. Any other error
 * (a bug, a failing disk) is re-thrown as it is once all checks have finished.
 *
 * @example
 * ```ts
 * import { readTermsFile, validateAll, validateCompanyDetails } from '@chatapp-isv/core';
 *
 * const [details, file] = await validateAll([
 *   () => validateCompanyDetails({ custSpaceId: '293483938849493', custName: 'Acme Pte Ltd' }),
 *   () => readTermsFile('./acme-terms.pdf', { field: 'termsFile' }),
 * ]);
 * console.log(details.custName, file.sha256);
 * ```
 * @throws ValidationError listing every problem of every check
 */
export async function validateAll<T extends readonly unknown[]>(checks: {
  readonly [K in keyof T]: Check<T[K]>;
}): Promise<T> {
  const issues: ValidationIssue[] = [];
  const values: unknown[] = [];
  let unexpected: { error: unknown } | undefined;
  for (const check of checks as readonly Check<unknown>[]) {
    try {
      values.push(await check());
    } catch (error) {
      values.push(undefined);
      if (error instanceof ValidationError) issues.push(...error.issues);
      else unexpected ??= { error };
    }
  }
  if (unexpected !== undefined) throw unexpected.error;
  if (issues.length > 0) throw new ValidationError(uniqueIssues(issues));
  return values as unknown as T;
}
