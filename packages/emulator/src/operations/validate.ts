// Parameter rules shared by the operations. Where the documentation is silent the emulator is strict
// (see the README's "Strictness choices"); every refusal names the parameter.
import { rpcErrors } from '../errors.js';
import { isCountryCode } from '../rules/country-codes.js';
import type { ParamRule } from './definition.js';

/** Text: not blank, no surrounding whitespace or control characters, at most `maxLength` characters. */
export function text(maxLength: number): ParamRule<string> {
  return {
    parse(value, name) {
      if (value.trim() === '') throw rpcErrors.invalidParameter(name, 'must not be blank.');
      if (value.trim() !== value) throw rpcErrors.invalidParameter(name, 'must not start or end with whitespace.');
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(value))
        throw rpcErrors.invalidParameter(name, 'must not contain control characters.');
      if (value.length > maxLength) throw rpcErrors.invalidParameter(name, `must be at most ${maxLength} characters.`);
      return value;
    },
  };
}

/** A rule that first applies `text(maxLength)`, then a pattern, refusing with `why`. */
function pattern(maxLength: number, re: RegExp, why: string): ParamRule<string> {
  const base = text(maxLength);
  return {
    parse(value, name) {
      const checked = base.parse(value, name);
      if (!re.test(checked)) throw rpcErrors.invalidParameter(name, why);
      return checked;
    },
  };
}

/** A customer space ID (also an instance ID): 1-64 of [A-Za-z0-9_-]. */
export const spaceId: ParamRule<string> = pattern(
  64,
  /^[A-Za-z0-9_-]+$/,
  'must contain only letters, digits, "_" and "-".',
);

/** One plausible e-mail address. */
export const mail: ParamRule<string> = pattern(128, /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/, 'must be an e-mail address.');

/** An ISO 3166-1 alpha-2 code in upper case. */
export const country: ParamRule<string> = {
  parse(value, name) {
    const checked = text(2).parse(value, name);
    if (!isCountryCode(checked))
      throw rpcErrors.invalidParameter(name, 'must be an ISO 3166-1 alpha-2 code such as CN.');
    return checked;
  },
};

/** A bare PDF file name without special characters (the legacy `IsvTerms`). */
export const termsFileName: ParamRule<string> = {
  parse(value, name) {
    const checked = text(255).parse(value, name);
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(checked)) {
      throw rpcErrors.invalidParameter(
        name,
        'must be a bare file name of letters, digits, ".", "_" and "-" (no folder).',
      );
    }
    if (!/\.pdf$/i.test(checked)) throw rpcErrors.invalidParameter(name, 'must name a .pdf file.');
    return checked;
  },
};
