// The one place where a customer's terms meet the *Instance wire names, in both directions: a ListInstance row
// becomes a CustomerTermsRecord, and company details become UpdateInstance parameters. Nothing else in the package
// names InstanceName or InstanceDescription.
//
// What is documented and what is inferred (see the README, "Verified and assumed"):
// - OfficeAddress, ContactMail, CountryId and IsvTerms carry the same names in both generations: documented.
// - custName ↔ InstanceName and businessDesc ↔ InstanceDescription are INFERENCE. The *Instance operations have no
//   CustName or BusinessDesc; their name and description fields are the only places those values can go, and the
//   docs' examples (`viber_ins`, `ins`) do not settle it either way.
// - IsvTerms is the file name under SubmitIsvCustomerTerms but a URL under Create/UpdateInstance (the docs also call
//   it a "file name" in ListInstance). A URL read back has its query string removed here: a presigned URL's query
//   carries a signature (and possibly an STS token), which must never reach a log, a tool result or Pulumi state.
import type { CompanyDetails } from './validation/schemas.js';

/** A customer's terms as the service has them on record (ListInstance row). */
export interface CustomerTermsRecord {
  /** The customer space the record belongs to (`CustSpaceId`). */
  custSpaceId: string;
  /** The record's `InstanceId` (differs from the space ID for ISV sub-customers). */
  instanceId: string;
  /** `InstanceName` (inferred to hold the enterprise name). */
  custName: string | undefined;
  /** `OfficeAddress`. */
  officeAddress: string | undefined;
  /** `ContactMail`. */
  contactMail: string | undefined;
  /** `CountryId` as stored (we send ISO 3166-1 alpha-2; the *Instance docs' example is `1`). */
  countryId: string | undefined;
  /** `InstanceDescription` (inferred to hold the business scenario). */
  businessDesc: string | undefined;
  /** `IsvTerms`: a bare file name (legacy writes) or a URL without its query string (instance writes). */
  isvTerms: string | undefined;
  /** The agreement's file name: `isvTerms` itself, or the last path segment of its URL. */
  termsFileName: string | undefined;
  /** `State`, e.g. `published`. */
  state: string | undefined;
  /** `SubmitTime` as sent, e.g. `2023-12-12 00:00:00`. */
  submitTime: string | undefined;
  /** `ChannelType`, e.g. `WHATSAPP`. */
  channelType: string | undefined;
  /** `CustType`, e.g. `01`. */
  custType: string | undefined;
}

/** The company fields and their wire names in the *Instance operations; `inferred` marks mappings the docs do not state. */
export const INSTANCE_FIELD_MAP = [
  { field: 'custName', wire: 'InstanceName', inferred: true },
  { field: 'officeAddress', wire: 'OfficeAddress', inferred: false },
  { field: 'contactMail', wire: 'ContactMail', inferred: false },
  { field: 'countryId', wire: 'CountryId', inferred: false },
  { field: 'businessDesc', wire: 'InstanceDescription', inferred: true },
] as const satisfies readonly { field: keyof CompanyDetails; wire: string; inferred: boolean }[];

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Parses an http(s) URL, or undefined when the value is not one. */
function asUrl(value: string): URL | undefined {
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** IsvTerms fit to show and store: a URL loses its query string and fragment (signature, token); a name is kept. */
export function publicIsvTerms(isvTerms: string): string {
  const url = asUrl(isvTerms);
  return url === undefined ? isvTerms : `${url.origin}${url.pathname}`;
}

function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

/** The file name an IsvTerms value names: the value, or the last segment of its URL path. */
export function termsFileName(isvTerms: string): string {
  const url = asUrl(isvTerms);
  const path = url === undefined ? isvTerms : decodedPath(url);
  return (
    path
      .split('/')
      .filter((part) => part !== '')
      .at(-1) ?? path
  );
}

/**
 * Whether an IsvTerms value on record names the uploaded object: a URL whose path ends with the object key (virtual-
 * hosted `/<key>` or path-style `/<bucket>/<key>`), or the bare file name / key a legacy write stores.
 */
export function isvTermsNames(isvTerms: string, upload: { objectKey: string; isvTerms: string }): boolean {
  const url = asUrl(isvTerms);
  if (url === undefined) return [upload.isvTerms, upload.objectKey, `/${upload.objectKey}`].includes(isvTerms);
  const path = decodedPath(url);
  return path === `/${upload.objectKey}` || path.endsWith(`/${upload.objectKey}`);
}

/** Maps a ListInstance row (or a QueryInstance Data plus the space it belongs to) to a record. */
export function toCustomerTermsRecord(row: Record<string, unknown>, custSpaceId?: string): CustomerTermsRecord {
  const isvTerms = text(row['IsvTerms']);
  const record: CustomerTermsRecord = {
    custSpaceId: text(row['CustSpaceId']) ?? custSpaceId ?? '',
    instanceId: text(row['InstanceId']) ?? '',
    custName: undefined,
    officeAddress: undefined,
    contactMail: undefined,
    countryId: undefined,
    businessDesc: undefined,
    isvTerms: isvTerms === undefined || isvTerms === '' ? undefined : publicIsvTerms(isvTerms),
    termsFileName: isvTerms === undefined || isvTerms === '' ? undefined : termsFileName(isvTerms),
    state: text(row['State']),
    submitTime: text(row['SubmitTime']),
    channelType: text(row['ChannelType']),
    custType: text(row['CustType']),
  };
  for (const { field, wire } of INSTANCE_FIELD_MAP) record[field] = text(row[wire]);
  return record;
}

/** UpdateInstance parameters that write `company` and the terms URL to the record `instanceId`. */
export function toUpdateInstanceQuery(
  instanceId: string,
  company: CompanyDetails,
  isvTermsUrl: string,
): Record<string, string> {
  const query: Record<string, string> = { InstanceId: instanceId };
  for (const { field, wire } of INSTANCE_FIELD_MAP) query[wire] = company[field];
  query['IsvTerms'] = isvTermsUrl;
  return query;
}

/** One field whose value on record differs from what was sent. */
export interface TermsMismatch {
  field: keyof CompanyDetails | 'isvTerms';
  sent: string;
  onRecord: string | undefined;
}

/** Compares a record with what was written: the company fields exactly, the terms by object key or file name. */
export function compareRecord(
  record: CustomerTermsRecord,
  company: CompanyDetails,
  upload: { objectKey: string; isvTerms: string },
): TermsMismatch[] {
  const mismatches: TermsMismatch[] = [];
  for (const { field } of INSTANCE_FIELD_MAP) {
    if (record[field] !== company[field]) mismatches.push({ field, sent: company[field], onRecord: record[field] });
  }
  if (record.isvTerms === undefined || !isvTermsNames(record.isvTerms, upload)) {
    mismatches.push({ field: 'isvTerms', sent: upload.objectKey, onRecord: record.isvTerms });
  }
  return mismatches;
}
