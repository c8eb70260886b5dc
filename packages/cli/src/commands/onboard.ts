// `chatapp-isv onboard <file>`: validate everything first (nothing is sent if a row is invalid, unless
// --skip-invalid), plan against the journal, confirm, then run all rows through the engine within the quota, with
// progress, a summary and a per-row report. Ctrl-C (or SIGTERM) stops starting rows and lets the rows in flight
// finish and be journaled; a second Ctrl-C quits at once (the journal is already safe: it is written before each
// step). Exit 0 all ok, 1 some rows failed or unknown, 2 bad input, 130 interrupted.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  buildReport,
  countPlan,
  defaultJournalPath,
  openJournal,
  prepareBatch,
  readBackFor,
  runBatch,
  type BatchSummary,
  type PlanCounts,
} from '@chatapp-isv/batch';
import { clientFromFlags, CONNECTION_HELP, CONNECTION_OPTIONS } from '../common-options.js';
import { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { problemTable } from '../problems.js';
import { createProgress, type ProgressMode } from '../progress.js';
import { reportFormat, writeReport } from '../report-file.js';
import { UsageError } from '../usage-error.js';
import { createWarmUp } from '../warm-up.js';
import { FIELD_RULES_HELP } from '../field-rules-help.js';

export const ONBOARD_HELP = `Usage: chatapp-isv onboard <customers.csv|.yaml|.json> [--files DIR] [--journal PATH] [--resume]
                           [--dry-run] [--report PATH.csv|.json] [--yes] [options]

Onboards every customer of the file: checks all rows and PDFs first, then uploads and submits them concurrently
within the account's quota, journaling each step so an interrupted run can be resumed without sending twice.

Input columns: id (unique), custSpaceId, custName, officeAddress, contactMail, countryId, businessDesc, termsFile
(the API's names such as CustSpaceId or IsvTerms work too, in any case). termsFile is a PDF path relative to the
file's folder or to --files.

Options:
  --files <dir>            folder that relative termsFile paths are resolved against
  --journal <path>         journal file (default <file>.journal.jsonl)
  --resume                 continue the journal: skip submitted rows, submit uploaded ones without re-uploading
  --resubmit-unknown       resubmit rows whose earlier submit got no answer when the endpoint cannot read back
  --skip-invalid           onboard the valid rows even if some are invalid (those are reported as invalid)
  --dry-run                validate and print the plan; send nothing, write no journal
  --report <path>          write a per-row report, .csv or .json
  --yes                    do not ask for confirmation (required when stdin is not a terminal)
  --concurrency <n>        rows in flight at once (default 16)
  --quiet                  print only failed rows and errors
  --json                   print engine events as JSON lines on stdout
  --help                   this text
${CONNECTION_HELP}

${FIELD_RULES_HELP}

Exit codes: 0 all rows submitted, 1 some failed or unknown, 2 bad input (nothing sent), 130 interrupted.

Example:
  chatapp-isv onboard customers.csv --files ./signed-pdfs --report report.csv --yes
  chatapp-isv onboard customers.csv --resume --yes     # after a crash or Ctrl-C`;

function planText(counts: PlanCounts): string {
  const parts: [number, string][] = [
    [counts.onboard, 'to onboard'],
    [counts.submit, 'to submit (already uploaded)'],
    [counts['read-back'], 'to read back (outcome unknown)'],
    [counts.skip, 'already submitted'],
    [counts.hold, 'with an unknown outcome, left alone'],
  ];
  return parts
    .filter(([count]) => count > 0)
    .map(([count, what]) => `${count} ${what}`)
    .join(', ');
}

function summaryText(summary: BatchSummary, invalid: number): string {
  const seconds = (summary.elapsedMs / 1000).toFixed(1);
  const parts = [
    `${summary.submitted} submitted`,
    `${summary.alreadySubmitted} already submitted`,
    `${summary.failed} failed`,
    `${summary.unknown} unknown`,
  ];
  if (summary.notStarted > 0) parts.push(`${summary.notStarted} not started`);
  if (invalid > 0) parts.push(`${invalid} invalid (skipped)`);
  return `${summary.interrupted ? 'interrupted' : 'done'} in ${seconds} s: ${parts.join(', ')}`;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/** Runs `onboard`. */
export async function onboardCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...CONNECTION_OPTIONS,
      files: { type: 'string' },
      journal: { type: 'string' },
      resume: { type: 'boolean' },
      'resubmit-unknown': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      yes: { type: 'boolean' },
      concurrency: { type: 'string' },
      quiet: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('onboard needs exactly one customer file');
  const file = positionals[0] as string;
  if (values.quiet === true && values.json === true) throw new UsageError('--quiet and --json exclude each other');
  if (values.report !== undefined) reportFormat(values.report);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new UsageError(`--concurrency must be a positive whole number, got "${values.concurrency}"`);
  }
  const mode: ProgressMode =
    values.json === true ? 'json' : values.quiet === true ? 'quiet' : process.stderr.isTTY === true ? 'tty' : 'lines';
  const say = (line: string) => {
    if (mode !== 'json' && mode !== 'quiet') process.stderr.write(`${line}\n`);
  };

  const progress = createProgress(mode);
  const warmUp = createWarmUp();
  const client = clientFromFlags(values, (event) => {
    if (event.type === 'request') warmUp.onRequest();
    progress.onClientEvent(event);
  });
  const readBack = readBackFor(client);
  const journalPath = values.journal ?? defaultJournalPath(file);
  const prepared = await prepareBatch({
    file,
    filesDir: values.files,
    journalPath,
    readBack: true,
    resubmitUnknown: values['resubmit-unknown'],
  });
  const { validation, journal, plan, input } = prepared;
  if (input.mapping.ignored.length > 0) say(`note: ignoring columns ${input.mapping.ignored.join(', ')}`);
  const invalid = validation.total - validation.valid.length;
  if (validation.problems.length > 0) {
    process.stderr.write(`${problemTable(validation.problems)}\n`);
    if (values['skip-invalid'] !== true) {
      process.stderr.write(
        `${invalid} of ${validation.total} rows are invalid; nothing was sent (fix them, or pass --skip-invalid)\n`,
      );
      return EXIT_USAGE;
    }
    say(`skipping ${invalid} invalid rows`);
  }
  if (journal.exists && values.resume !== true && values['dry-run'] !== true) {
    throw new UsageError(
      `the journal ${journalPath} already has entries: pass --resume to continue it, or --journal for a new one`,
    );
  }
  if (journal.skippedLines > 0) say(`note: skipped ${journal.skippedLines} torn journal line(s) from a crash`);
  const counts = countPlan(plan);
  say(`plan for ${plan.length} rows: ${planText(counts)}`);
  if (values['dry-run'] === true) {
    if (mode === 'json') process.stdout.write(`${JSON.stringify({ type: 'plan', counts, invalid })}\n`);
    return validation.problems.length > 0 ? EXIT_FAILED : EXIT_OK;
  }
  const sending = counts.onboard + counts.submit + counts['read-back'];
  if (sending > 0 && values.yes !== true) {
    if (process.stdin.isTTY !== true) {
      throw new UsageError('onboard submits legal records: pass --yes to confirm when not at a terminal');
    }
    if (!(await confirm(`Submit the terms of ${sending} customers? [y/N] `))) {
      process.stderr.write('cancelled; nothing was sent\n');
      return EXIT_USAGE;
    }
  }

  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts === 1) controller.abort();
    else {
      progress.stop();
      process.stderr.write('quitting now; the journal is up to date (rows in flight are resumed as unknown)\n');
      process.exit(EXIT_INTERRUPTED);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const writer = await openJournal(journalPath);
  const first = plan.find((entry) => entry.action === 'onboard');
  if (first !== undefined && !controller.signal.aborted) await warmUp.run(client, first.row.details.custSpaceId);
  let result;
  try {
    result = await runBatch({
      client,
      plan,
      journal: writer,
      readBack,
      resubmitUnknown: values['resubmit-unknown'],
      concurrency,
      signal: controller.signal,
      // A failed row's hint names the endpoint setting as this CLI spells it.
      hintNames: { endpoint: '--endpoint (or CHATAPP_ISV_ENDPOINT)' },
      onEvent: (event) => progress.onBatchEvent(event),
    });
  } finally {
    progress.stop();
    await writer.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const { summary, results } = result;
  if (mode !== 'json') process.stderr.write(`${summaryText(summary, invalid)}\n`);
  if (summary.unknown > 0 && mode !== 'json') {
    process.stderr.write(
      `${summary.unknown} rows have an unknown outcome: check them (chatapp-isv status) before resubmitting\n`,
    );
  }
  if (values.report !== undefined) {
    await writeReport(values.report, buildReport(results, validation.problems), summary);
    say(`report: ${values.report}`);
  }
  if (summary.interrupted) return EXIT_INTERRUPTED;
  const notDone = summary.failed + summary.unknown + summary.notStarted + invalid;
  return notDone > 0 ? EXIT_FAILED : EXIT_OK;
}
