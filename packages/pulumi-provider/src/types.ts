// The plain shapes the provider works with. Pulumi resolves every `Input` before calling a dynamic provider, so
// inside the provider the arguments are ordinary values; these types describe them, and the recorded state, which is
// the contract between versions of this package: every version must be able to read state written by earlier ones.

/** Type token of the resource (module `chatapp-isv`, type `IsvCustomerTerms`). */
export const RESOURCE_TYPE = 'pulumi-nodejs:dynamic/chatapp-isv:IsvCustomerTerms';

/** A `pulumi.asset.FileAsset` as the engine hands it to a provider: an object with the path and a content hash. */
export interface FileAssetValue {
  /** The path given to `new FileAsset(path)`; relative paths are relative to the Pulumi project. */
  path: string;
  /** Hash computed by the engine (we compute our own SHA-256 anyway). */
  hash?: string;
}

/** How the terms file can be named: a path relative to the Pulumi project, or a FileAsset. */
export type TermsFileValue = string | FileAssetValue;

/** The customer's company details, as the service names them (see COMPANY_FIELDS). */
export interface CompanyDetails {
  custSpaceId: string;
  custName: string;
  officeAddress: string;
  contactMail: string;
  countryId: string;
  businessDesc: string;
}

/** The resource's inputs as the provider receives them, plus the values `check` derives from the file. */
export interface IsvCustomerTermsInputs extends CompanyDetails {
  termsFile: TermsFileValue;
  fileName?: string;
  /** Derived by `check`: the name the file is uploaded and submitted under (`fileName` or the path's base name). */
  isvTerms?: string;
  /** Derived by `check`: hex SHA-256 of the file, so an edited PDF shows up as a change. */
  termsSha256?: string;
  /** Derived by `check`: size of the file in bytes. */
  termsSize?: number;
}

/** The recorded state of one resource: its inputs and what the upload and the submission returned. */
export interface IsvCustomerTermsOutputs extends IsvCustomerTermsInputs {
  /** The submitted `IsvTerms` value: the bare file name. */
  isvTerms: string;
  /** OSS object key the file was uploaded to: `<Dir>/<isvTerms>`. */
  objectKey: string;
  /** Hex SHA-256 of the uploaded file. */
  termsSha256: string;
  /** Size of the uploaded file in bytes. */
  termsSize: number;
  /** RequestId of the last SubmitIsvCustomerTerms call, for support tickets. */
  requestId: string;
  /** ISO 8601 time of the last successful submission. */
  submittedAt: string;
}

/** The six company fields, in the order the service lists them. */
export const COMPANY_FIELDS = [
  'custSpaceId',
  'custName',
  'officeAddress',
  'contactMail',
  'countryId',
  'businessDesc',
] as const;

/** One of the six company fields. */
export type CompanyField = (typeof COMPANY_FIELDS)[number];

/** The value Pulumi sends for an input that is not known yet (during preview). */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** Whether a value is, or contains at its top level, Pulumi's "unknown during preview" marker. */
export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (typeof value === 'object' && value !== null) return Object.values(value).some((v) => v === UNKNOWN);
  return false;
}

/** The outcome of `check`: normalized inputs and one failure per bad property. */
export interface TermsCheckResult {
  inputs: Record<string, unknown>;
  failures: { property: string; reason: string }[];
}

/** The outcome of `diff`: whether anything real changed, and which changes replace the resource. */
export interface TermsDiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** The outcome of `read`: the resource as it is on record (props), and for import the inputs that produce it. */
export interface TermsReadResult {
  id: string;
  props: Record<string, unknown>;
  inputs?: Record<string, unknown>;
}
