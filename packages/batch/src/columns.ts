// Which column holds which field. A header matches a field by core's field name (`custSpaceId`) or the API's wire
// name (`CustSpaceId`), compared without regard to case and ignoring `_`, `-` and spaces, so `cust_space_id` and
// `Cust Space ID` work too (spreadsheets rename headers freely). `IsvTerms` is accepted for `termsFile` because
// that is the API's name for the agreement; here it is a path, whose base name becomes IsvTerms.

/** The fields a row carries, in report order. */
export const ROW_FIELDS = [
  'id',
  'custSpaceId',
  'custName',
  'officeAddress',
  'contactMail',
  'countryId',
  'businessDesc',
  'termsFile',
] as const;

/** One of the row fields. */
export type RowField = (typeof ROW_FIELDS)[number];

/** Header spellings per field, besides the field name itself. */
const ALIASES: Record<RowField, readonly string[]> = {
  id: [],
  custSpaceId: ['CustSpaceId'],
  custName: ['CustName'],
  officeAddress: ['OfficeAddress'],
  contactMail: ['ContactMail'],
  countryId: ['CountryId'],
  businessDesc: ['BusinessDesc'],
  termsFile: ['IsvTerms'],
};

function normalize(header: string): string {
  return header.replace(/[\s_-]/g, '').toLowerCase();
}

const LOOKUP = new Map<string, RowField>(
  ROW_FIELDS.flatMap((field) => [field, ...ALIASES[field]].map((name) => [normalize(name), field] as const)),
);

/** The field a header names, or undefined for a column this tool does not use. */
export function fieldForHeader(header: string): RowField | undefined {
  return LOOKUP.get(normalize(header));
}

/** How the headers of one file map to fields. */
export interface ColumnMapping {
  /** Field → the header that supplies it. */
  readonly columns: Partial<Record<RowField, string>>;
  /** Headers that name no field; their values are ignored. */
  readonly ignored: readonly string[];
  /** Required fields no header supplies. */
  readonly missing: readonly RowField[];
  /** Fields two or more headers claim, with those headers. */
  readonly conflicts: readonly { field: RowField; headers: string[] }[];
}

/** Maps headers to fields and lists what is missing, ambiguous or unused. */
export function mapColumns(headers: readonly string[]): ColumnMapping {
  const claimed = new Map<RowField, string[]>();
  const ignored: string[] = [];
  for (const header of headers) {
    const field = fieldForHeader(header);
    if (field === undefined) {
      if (header.trim() !== '') ignored.push(header);
      continue;
    }
    claimed.set(field, [...(claimed.get(field) ?? []), header]);
  }
  const columns: Partial<Record<RowField, string>> = {};
  const conflicts: { field: RowField; headers: string[] }[] = [];
  for (const [field, names] of claimed) {
    if (names.length > 1) conflicts.push({ field, headers: names });
    columns[field] = names[0] as string;
  }
  const missing = ROW_FIELDS.filter((field) => !claimed.has(field));
  return { columns, ignored, missing, conflicts };
}
