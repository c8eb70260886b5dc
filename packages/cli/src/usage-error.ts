// A usage problem (unknown flag, missing argument, conflicting options): printed with the command's help, exit 2.

/** Bad command line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
