// @chatapp-isv/cli: the `chatapp-isv` command, the whole public surface. A thin front end over
// @chatapp-isv/batch (the engine) and @chatapp-isv/core (the client); exported so it can be embedded or tested
// in-process.

/** Runs the CLI with `argv` (without node and the script) and resolves the exit code. */
export { runCli, CLI_VERSION, MAIN_HELP } from './main.js';
/** Exit codes: 0 ok, 1 rows failed or unknown, 2 bad input or usage, 130 interrupted. */
export { EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED } from './exit-codes.js';
export { UsageError } from './usage-error.js';
