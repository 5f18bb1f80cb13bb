// The exit codes of `mistral-batch`, one meaning each so scripts can tell failures apart, and the
// error that carries one.

/** Exit codes of `mistral-batch`. */
export const EXIT_CODES = {
  /** Everything went as asked. */
  ok: 0,
  /** A job failed, or ended with failed or missing requests; also an unexpected internal error. */
  jobFailed: 1,
  /**
   * Bad arguments, invalid input (an unreadable file, an invalid JSONL line) or an invalid
   * setting (a key that cannot be sent, plain http: to another machine without the flag, a queue
   * database migrated by a newer version).
   */
  usage: 2,
  /** No API key, or a rejected key (401, 403). */
  auth: 3,
  /**
   * The server answered with an error, could not be reached, or sent something undecodable; or the
   * queue's database could not be reached.
   */
  http: 4,
  /** Interrupted by Ctrl-C (SIGINT). */
  interrupted: 130,
} as const

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES]

/** A failure the command line explains in one line and ends with `exitCode`. */
export class CliError extends Error {
  override name = 'CliError'

  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message)
  }
}

/** A usage error (exit 2): a bad argument, an invalid input or setting. */
export const usageError = (message: string): CliError => new CliError(message, EXIT_CODES.usage)

/** The message of anything thrown. */
export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)
