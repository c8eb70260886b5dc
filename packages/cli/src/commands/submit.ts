// `chatapp-isv submit --cust-space-id … --terms-file …`: one customer from flags, through core's whole flow
// (validate, authorize, upload, submit). Exit 0 on success, 1 on a failure or an unknown outcome, 2 on bad input.
import { parseArgs } from 'node:util';
import { classifyFailure } from '@chatapp-isv/batch';
import { ConfigurationError, errorHint, OssError, ValidationError } from '@chatapp-isv/core';
import { clientFromFlags, CONNECTION_HELP, CONNECTION_OPTIONS } from '../common-options.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { UsageError } from '../usage-error.js';
import { FIELD_RULES_HELP } from '../field-rules-help.js';

export const SUBMIT_HELP = `Usage: chatapp-isv submit --cust-space-id ID --cust-name NAME --office-address ADDR --contact-mail MAIL
                          --country-id CC --business-desc TEXT --terms-file PDF [--json]

Submits one customer's terms: uploads the signed agreement PDF and submits the company details.

Options:
  --cust-space-id <id>       the customer's space ID
  --cust-name <name>         company name
  --office-address <text>    office address
  --contact-mail <email>     contact e-mail
  --country-id <code>        country code, e.g. SG
  --business-desc <text>     what the customer uses ChatApp for
  --terms-file <path>        the signed agreement PDF (its file name becomes IsvTerms)
  --json                     print the result as JSON
  --help                     this text
${CONNECTION_HELP}

${FIELD_RULES_HELP}

Exit codes: 0 submitted, 1 failed or outcome unknown, 2 bad input.

Example:
  chatapp-isv submit --cust-space-id 293483938849493 --cust-name "Acme Pte Ltd" \\
    --office-address "1 Example Road, Singapore" --contact-mail legal@acme.example --country-id SG \\
    --business-desc "Order updates over WhatsApp" --terms-file ./acme-terms.pdf`;

const FIELDS = {
  'cust-space-id': 'custSpaceId',
  'cust-name': 'custName',
  'office-address': 'officeAddress',
  'contact-mail': 'contactMail',
  'country-id': 'countryId',
  'business-desc': 'businessDesc',
  'terms-file': 'termsFile',
} as const;

/** Runs `submit`. */
export async function submitCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...CONNECTION_OPTIONS,
      'cust-space-id': { type: 'string' },
      'cust-name': { type: 'string' },
      'office-address': { type: 'string' },
      'contact-mail': { type: 'string' },
      'country-id': { type: 'string' },
      'business-desc': { type: 'string' },
      'terms-file': { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`submit takes no file argument (got "${positionals[0]}")`);
  const missing = Object.keys(FIELDS).filter((flag) => values[flag as keyof typeof FIELDS] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((flag) => `--${flag}`).join(', ')}`);
  const input = Object.fromEntries(
    Object.entries(FIELDS).map(([flag, field]) => [field, values[flag as keyof typeof FIELDS] as string]),
  ) as Record<(typeof FIELDS)[keyof typeof FIELDS], string>;

  const client = clientFromFlags(values);
  try {
    const { upload, submit } = await client.submitCustomerTerms(input);
    const result = {
      status: 'submitted',
      custSpaceId: input.custSpaceId,
      isvTerms: upload.isvTerms,
      objectKey: upload.objectKey,
      sha256: upload.sha256,
      requestId: submit.requestId,
    };
    if (values.json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(
        `submitted ${input.custSpaceId}: IsvTerms ${upload.isvTerms} (sha256 ${upload.sha256}) requestId=${submit.requestId}\n`,
      );
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof ValidationError) {
      const flagOf = (field: string) =>
        Object.entries(FIELDS).find(([, name]) => field === name || field.startsWith(`${name}.`))?.[0];
      for (const issue of error.issues) {
        const flag = flagOf(issue.field);
        process.stderr.write(`${flag !== undefined ? `--${flag}` : issue.field}: ${issue.message}\n`);
      }
      return EXIT_USAGE;
    }
    if (error instanceof ConfigurationError) throw error;
    // A failed upload means nothing was submitted; only the submit itself can have an unknown outcome.
    const failure = classifyFailure(error, !(error instanceof OssError));
    const text =
      failure.kind === 'unknown'
        ? `outcome unknown for ${input.custSpaceId} (${failure.code}: ${failure.message}); check before resubmitting`
        : `failed: ${failure.code}: ${failure.message}`;
    if (values.json === true) {
      process.stdout.write(`${JSON.stringify({ status: failure.kind, custSpaceId: input.custSpaceId, ...failure })}\n`);
    }
    process.stderr.write(`${text}\n`);
    // One action per error class (endpoint, permissions, quota, credentials), naming this CLI's own flag.
    const hint = errorHint(error, { endpoint: '--endpoint (or CHATAPP_ISV_ENDPOINT)' });
    if (hint !== undefined) process.stderr.write(`hint: ${hint}\n`);
    return EXIT_FAILED;
  }
}
