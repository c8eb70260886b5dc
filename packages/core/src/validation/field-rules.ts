// Every input rule of SubmitIsvCustomerTerms, stated once with the sentence a person reads. The zod schemas
// (schemas.ts, file.ts) take their limits from here, and every front end takes the sentence from here: the MCP tool
// schemas, the Pulumi package schema, the CLI help and the READMEs (a test checks that none of them restates a rule
// differently). Each rule also lists sample values it accepts and refuses, which core's tests feed to the schemas, so
// the sentence cannot drift from what is enforced.

/** One field's rule: its limits, the sentence describing them, and samples that prove it. */
export interface FieldRule {
  /** Longest accepted value, in characters after trimming (or bytes for the terms file). */
  readonly maxLength: number;
  /** The rule in one sentence, as every front end and README states it. */
  readonly description: string;
  /** Values the rule accepts. */
  readonly accepts: readonly string[];
  /** Values the rule refuses. */
  readonly refuses: readonly string[];
}

/** The names of the fields core has rules for (`fileName` is the future `isvTerms`). */
export type RuledField =
  'custSpaceId' | 'custName' | 'officeAddress' | 'contactMail' | 'countryId' | 'businessDesc' | 'fileName';

const TEXT = 'single-line text (no control characters or line breaks); surrounding spaces are trimmed';

/**
 * The rule of every field, keyed by core's option name.
 *
 * @example
 * ```ts
 * import { FIELD_RULES } from '@chatapp-isv/core';
 * console.log(`custSpaceId: ${FIELD_RULES.custSpaceId.description}`);
 * ```
 */
export const FIELD_RULES: Readonly<Record<RuledField, FieldRule>> = {
  custSpaceId: {
    maxLength: 64,
    description: '1–64 characters: letters, digits, "_" or "-" only',
    accepts: ['293483938849493', 'space_01-a'],
    refuses: ['space.01', 'a b', '', 'x'.repeat(65)],
  },
  custName: {
    maxLength: 256,
    description: `1–256 characters of ${TEXT}`,
    accepts: ['Acme Pte Ltd'],
    refuses: ['', 'Acme\nLtd', 'x'.repeat(257)],
  },
  officeAddress: {
    maxLength: 512,
    description: `1–512 characters of ${TEXT}`,
    accepts: ['1 Example Road, Singapore'],
    refuses: ['', 'x'.repeat(513)],
  },
  contactMail: {
    maxLength: 128,
    description: 'an e-mail address such as "legal@example.com", at most 128 characters',
    accepts: ['legal@example.com'],
    refuses: ['legal', `${'x'.repeat(120)}@example.com`],
  },
  countryId: {
    maxLength: 2,
    description: 'an ISO 3166-1 alpha-2 country code such as "CN", "SG" or "ID" (any case; sent in upper case)',
    accepts: ['SG', 'cn'],
    refuses: ['XX', 'SGP', ''],
  },
  businessDesc: {
    maxLength: 1024,
    description: `1–1024 characters of ${TEXT}`,
    accepts: ['Order updates over WhatsApp'],
    refuses: ['', 'x'.repeat(1025)],
  },
  fileName: {
    maxLength: 128,
    description:
      'a plain file name of at most 128 characters: letters, digits, ".", "_" or "-", starting with a letter or digit and ending in ".pdf" (no spaces or path separators)',
    accepts: ['acme-terms.pdf', 'Terms_2026.PDF'],
    refuses: ['acme terms.pdf', 'dir/acme.pdf', '.pdf', 'acme.docx', '-acme.pdf', `${'x'.repeat(125)}.pdf`],
  },
};

/** The rule of the agreement file itself (its bytes). */
export const TERMS_FILE_RULE_DESCRIPTION = 'a PDF (starting with "%PDF-") of at most 2 MiB';
