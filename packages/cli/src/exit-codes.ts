// Exit codes, one meaning each, so scripts can branch on them.

/** Every row ok (submitted now or before). */
export const EXIT_OK = 0;
/** Some rows failed, or their outcome is unknown (validate: some rows are invalid). */
export const EXIT_FAILED = 1;
/** Bad input or usage: unknown flag, unreadable or malformed file, invalid rows (nothing was sent). */
export const EXIT_USAGE = 2;
/** Interrupted (Ctrl-C / SIGTERM): rows in flight were finished and journaled, the rest not started. */
export const EXIT_INTERRUPTED = 130;
