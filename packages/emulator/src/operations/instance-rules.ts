// Parameter rules of the *Instance operations (newest SDK models). Where the documentation is silent the emulator
// chooses, and the README's "Instances" section says what it chose.
import { rpcErrors } from '../errors.js';
import { isCountryCode } from '../rules/country-codes.js';
import type { ParamRule } from './definition.js';
import { text } from './validate.js';

/** The channels ListInstance documents (`whatsapp`, `messenger`, `instagram`, `viber`), any case; upper-cased. */
export const channelType: ParamRule<string> = {
  parse(value, name) {
    const upper = text(32).parse(value, name).toUpperCase();
    if (!['WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'VIBER'].includes(upper)) {
      throw rpcErrors.invalidParameter(name, 'must be one of whatsapp, messenger, instagram, viber.');
    }
    return upper;
  },
};

/**
 * `CountryId`: the legacy action takes ISO 3166-1 alpha-2 codes (`CN`), the *Instance examples show `1`; both forms
 * are accepted and stored as sent.
 */
export const countryId: ParamRule<string> = {
  parse(value, name) {
    const checked = text(8).parse(value, name);
    if (!isCountryCode(checked) && !/^\d{1,4}$/.test(checked)) {
      throw rpcErrors.invalidParameter(name, 'must be an ISO 3166-1 alpha-2 code such as CN, or a numeric country ID.');
    }
    return checked;
  },
};

/** `IsConfirmAudit`: `Y` or `N`. */
export const yesNo: ParamRule<string> = {
  parse(value, name) {
    if (value !== 'Y' && value !== 'N') throw rpcErrors.invalidParameter(name, 'must be Y or N.');
    return value;
  },
};

/** An absolute http(s) URL of at most 2048 characters. */
export const httpUrl: ParamRule<URL> = {
  parse(value, name) {
    const checked = text(2048).parse(value, name);
    let url: URL;
    try {
      url = new URL(checked);
    } catch {
      throw rpcErrors.invalidParameter(name, 'must be an absolute http or https URL.');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw rpcErrors.invalidParameter(name, 'must be an absolute http or https URL.');
    }
    return url;
  },
};

/** A whole number between `min` and `max`. */
export function wholeNumber(min: number, max: number): ParamRule<number> {
  return {
    parse(value, name) {
      if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
        throw rpcErrors.invalidParameter(name, `must be a whole number from ${min} to ${max}.`);
      }
      return Number(value);
    },
  };
}

/** `true` or `false` (the Python SDK sends booleans as `true`/`false`; other case accepted). */
export const booleanText: ParamRule<boolean> = {
  parse(value, name) {
    const lower = value.toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw rpcErrors.invalidParameter(name, 'must be true or false.');
    return lower === 'true';
  },
};

/** `FilePath` of GeneratePresignedUrl: an object key, one leading `/` allowed (the documented example has one). */
export const objectPath: ParamRule<string> = {
  parse(value, name) {
    const key = text(1024).parse(value, name).replace(/^\//, '');
    if (key === '' || key.length > 1023 || key.startsWith('/') || key.split('/').some((s) => s === '.' || s === '..')) {
      throw rpcErrors.invalidParameter(
        name,
        'must be an OSS object key such as /C123/terms.pdf, without . or .. segments.',
      );
    }
    return key;
  },
};
