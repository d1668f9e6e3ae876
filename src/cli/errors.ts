/**
 * How the CLI ends: exit codes and user-facing failures. Commands throw
 * CliFailure for anything the user can act on; main() prints its Chinese
 * message without a stack trace (unless --debug) and exits with its code.
 */
export const EXIT_OK = 0;
/** The input was read but has errors (validation), or some outputs failed. */
export const EXIT_INVALID = 1;
/** The input could not be read at all, or the command was misused. */
export const EXIT_UNREADABLE = 2;

/** The user stopped a batch (Ctrl-C); by convention 128 + SIGINT. */
export const EXIT_INTERRUPTED = 130;

export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
