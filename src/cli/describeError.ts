// Turns any failure into one readable line and the exit code it deserves.
import {
  isDecodeError,
  isHttpError,
  isInvalidRequestError,
  isNetworkError,
  isPaginationError,
  isTimeoutError,
} from '../index.js'
import { CliError } from './CliError.js'
import { EXIT_CODES, type ExitCode } from './exitCodes.js'
import { fileProblem, systemErrorOf } from './fileProblems.js'
import { secretsMask } from './maskSecrets.js'

/** A failure as the command line reports it. */
export interface DescribedError {
  /** One line, without the `error: ` prefix. */
  readonly message: string
  /** The process exit code. */
  readonly exitCode: ExitCode
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

const describeKnown = (error: unknown): DescribedError => {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode }
  // Refused before anything was sent: a bad argument, input or setting (a malformed key included).
  if (isInvalidRequestError(error)) return { message: error.message, exitCode: EXIT_CODES.usage }
  if (isHttpError(error)) {
    const requestId = error.requestId === undefined ? '' : ` (request id ${error.requestId})`
    if (error.status === 401 || error.status === 403) {
      return {
        message: `${error.message}${requestId}: check MISTRAL_API_KEY or --api-key`,
        exitCode: EXIT_CODES.auth,
      }
    }
    return { message: `${error.message}${requestId}`, exitCode: EXIT_CODES.http }
  }
  if (isNetworkError(error)) {
    const hint = error.code === 'ECONNREFUSED' ? ' (is the server running? check --base-url)' : ''
    return { message: `${error.message}${hint}`, exitCode: EXIT_CODES.http }
  }
  if (isTimeoutError(error) || isDecodeError(error) || isPaginationError(error)) {
    return { message: error.message, exitCode: EXIT_CODES.http }
  }
  const system = systemErrorOf(error)
  const problem = system === undefined ? undefined : fileProblem(system.code)
  if (system !== undefined && problem !== undefined) {
    const where = system.path === undefined ? '' : `${system.path}: `
    return { message: `${where}${problem}`, exitCode: EXIT_CODES.usage }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { message: `unexpected error: ${message}`, exitCode: EXIT_CODES.jobFailed }
}

/**
 * The one-line report of `error` and its exit code. The API keys in `secrets` are masked before
 * the message is folded into one line: folding first would change a key holding a line break
 * into text that no longer matches it.
 */
export const describeError = (
  error: unknown,
  secrets: ReadonlyArray<string> = [],
): DescribedError => {
  const known = describeKnown(error)
  return { ...known, message: oneLine(secretsMask(secrets)(known.message)) }
}
