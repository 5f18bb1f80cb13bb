// An error the CLI itself raises, carrying the exit code it should end with.
import type { ExitCode } from './exitCodes.js'

/** A failure the command line explains in one line and ends with `exitCode`. */
export class CliError extends Error {
  /** The process exit code this failure maps to. */
  readonly exitCode: ExitCode

  constructor(message: string, exitCode: ExitCode) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}
