// Parameter checks shared by the operations. Where the documentation is silent the emulator is strict
// (see the README's "Strictness choices"); every refusal names the parameter.
import { rpcErrors } from '../errors.js';
import { isCountryCode } from '../rules/country-codes.js';

/** A required string parameter: present, not blank, no surrounding whitespace or control characters, bounded. */
export function requireText(params: ReadonlyMap<string, string>, name: string, maxLength: number): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw rpcErrors.missingParameter(name);
  if (value.trim() === '') throw rpcErrors.invalidParameter(name, 'must not be blank.');
  if (value.trim() !== value) throw rpcErrors.invalidParameter(name, 'must not start or end with whitespace.');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw rpcErrors.invalidParameter(name, 'must not contain control characters.');
  if (value.length > maxLength) throw rpcErrors.invalidParameter(name, `must be at most ${maxLength} characters.`);
  return value;
}

/** `CustSpaceId`: 1-64 of [A-Za-z0-9_-]. */
export function requireSpaceId(params: ReadonlyMap<string, string>): string {
  const value = requireText(params, 'CustSpaceId', 64);
  if (!/^[A-Za-z0-9_-]+$/.test(value))
    throw rpcErrors.invalidParameter('CustSpaceId', 'must contain only letters, digits, "_" and "-".');
  return value;
}

/** `ContactMail`: one plausible address. */
export function requireMail(params: ReadonlyMap<string, string>): string {
  const value = requireText(params, 'ContactMail', 128);
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value))
    throw rpcErrors.invalidParameter('ContactMail', 'must be an e-mail address.');
  return value;
}

/** `CountryId`: an ISO 3166-1 alpha-2 code in upper case. */
export function requireCountry(params: ReadonlyMap<string, string>): string {
  const value = requireText(params, 'CountryId', 2);
  if (!isCountryCode(value))
    throw rpcErrors.invalidParameter('CountryId', 'must be an ISO 3166-1 alpha-2 code such as CN.');
  return value;
}

/** `IsvTerms`: a bare PDF file name without special characters. */
export function requireTermsFileName(params: ReadonlyMap<string, string>): string {
  const value = requireText(params, 'IsvTerms', 255);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(value)) {
    throw rpcErrors.invalidParameter(
      'IsvTerms',
      'must be a bare file name of letters, digits, ".", "_" and "-" (no folder).',
    );
  }
  if (!/\.pdf$/i.test(value)) throw rpcErrors.invalidParameter('IsvTerms', 'must name a .pdf file.');
  return value;
}
