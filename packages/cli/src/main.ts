// The command dispatcher: `chatapp-isv <command> [args]`. Maps errors to exit codes in one place: usage and input
// problems → 2 with a clear message (and the command's help for usage), anything else → 1. Messages pass through
// core's redaction, so no secret can reach the terminal.
import { BatchInputError } from '@chatapp-isv/batch';
import { ConfigurationError, redactSecrets } from '@chatapp-isv/core';
import { onboardCommand, ONBOARD_HELP } from './commands/onboard.js';
import { statusCommand, STATUS_HELP } from './commands/status.js';
import { submitCommand, SUBMIT_HELP } from './commands/submit.js';
import { validateCommand, VALIDATE_HELP } from './commands/validate.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { inputErrorText } from './problems.js';
import { UsageError } from './usage-error.js';

/** The CLI's version. */
export const CLI_VERSION = '0.1.0';

const COMMANDS = {
  validate: { run: validateCommand, help: VALIDATE_HELP },
  onboard: { run: onboardCommand, help: ONBOARD_HELP },
  submit: { run: submitCommand, help: SUBMIT_HELP },
  status: { run: statusCommand, help: STATUS_HELP },
} as const;

/** The top-level help. */
export const MAIN_HELP = `Usage: chatapp-isv <command> [options]

Onboard Alibaba Cloud ChatApp ISV customers: their company details and signed agreement PDFs.

Commands:
  validate <file>       check every row and PDF offline
  onboard <file>        onboard every customer of a CSV/YAML/JSON file, with progress, journal, resume and report
  submit                onboard one customer from flags
  status <ids|file>     what is on record per space (read-back), and what a file's journal says

Run \`chatapp-isv <command> --help\` for a command's options and an example.

Example:
  chatapp-isv validate customers.csv && chatapp-isv onboard customers.csv --report report.csv --yes`;

/**
 * Runs the CLI with `argv` (without node and the script), writing to this process's stdout and stderr; resolves
 * the exit code (EXIT_OK, EXIT_FAILED, EXIT_USAGE or EXIT_INTERRUPTED).
 *
 * @example
 * ```ts
 * import { EXIT_OK, runCli } from '@chatapp-isv/cli';
 *
 * const code = await runCli(['validate', 'customers.csv']);
 * if (code !== EXIT_OK) process.exitCode = code;
 * ```
 * @throws nothing for bad input or a failed call: each is printed (with its hint) and becomes the exit code
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${MAIN_HELP}\n`);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${CLI_VERSION}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (command === undefined) {
    process.stderr.write(`chatapp-isv: unknown command "${name}"\n\n${MAIN_HELP}\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`);
    return EXIT_OK;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof BatchInputError) {
      process.stderr.write(`chatapp-isv ${name}: ${redactSecrets(inputErrorText(error))}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof UsageError || (error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`chatapp-isv ${name}: ${(error as Error).message}\n(see chatapp-isv ${name} --help)\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigurationError) {
      process.stderr.write(`chatapp-isv ${name}: ${redactSecrets(error.message)}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`chatapp-isv ${name}: ${redactSecrets(message)}\n`);
    return EXIT_FAILED;
  }
}
