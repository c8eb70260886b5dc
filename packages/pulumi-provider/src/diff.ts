// What `pulumi preview` and `up` consider changed. Only real inputs are compared, never the serialized `__provider`
// (which would turn every upgrade of this package into an update). The terms file is compared by the name it is
// submitted under and by its content hash (derived in `check`), so moving a file without changing it is no change,
// while editing the PDF is. A different customer space is a different agreement: it replaces the resource.
import { isUnknown, type TermsDiffResult } from './types.js';

/** Inputs that change in place: a new submission with the same space ID. */
export const UPDATABLE_PROPERTIES = [
  'custName',
  'officeAddress',
  'contactMail',
  'countryId',
  'businessDesc',
  'isvTerms',
  'termsSha256',
] as const;

/** Inputs whose change replaces the resource. */
export const REPLACING_PROPERTIES = ['custSpaceId'] as const;

function differs(olds: Record<string, unknown>, news: Record<string, unknown>, key: string): boolean {
  const next = news[key];
  return isUnknown(next) || olds[key] !== next;
}

/** The properties that differ between the recorded state and the new (checked) inputs. */
export function changedProperties(olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  return [...REPLACING_PROPERTIES, ...UPDATABLE_PROPERTIES].filter((key) => differs(olds, news, key));
}

/** Diff decision for the engine: `changes` when anything real differs, `replaces` when the space ID does. */
export function diffTerms(olds: Record<string, unknown>, news: Record<string, unknown>): TermsDiffResult {
  const changed = changedProperties(olds, news);
  const replaces = changed.filter((key) => (REPLACING_PROPERTIES as readonly string[]).includes(key));
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}
