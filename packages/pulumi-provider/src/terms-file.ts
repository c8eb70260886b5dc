// Turns the `termsFile` input into a file to read. It may be a path string or a `pulumi.asset.FileAsset`, which the
// engine hands over as an object carrying the original `path` (and its own hash). Relative paths are resolved against
// the Pulumi project directory, which is the provider process's working directory.
import { isAbsolute, resolve } from 'node:path';

/** The file behind a `termsFile` input, or why there is none. */
export type TermsFileLocation = { path: string; problem?: undefined } | { path?: undefined; problem: string };

/** Finds the file a `termsFile` value names; `cwd` is the Pulumi project directory. */
export async function locateTermsFile(value: unknown, cwd: string): Promise<TermsFileLocation> {
  let path: unknown = value;
  if (typeof value === 'object' && value !== null) {
    if ('text' in value || 'uri' in value || 'assets' in value) {
      return {
        problem: 'must be a file path or a pulumi.asset.FileAsset (string and remote assets are not supported)',
      };
    }
    // An engine-serialized FileAsset has a string path; a FileAsset object used directly holds a promise of it.
    path = await (value as { path?: unknown }).path;
  }
  if (typeof path !== 'string') {
    return {
      problem: 'is required: a path to the signed PDF, relative to the Pulumi project, or a pulumi.asset.FileAsset',
    };
  }
  if (path.trim() === '') return { problem: 'must not be an empty path' };
  return { path: isAbsolute(path) ? path : resolve(cwd, path) };
}
