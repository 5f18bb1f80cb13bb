// Turns any failure into one readable line and the exit code it deserves, and says what went
// wrong with a file in the words every CLI message uses.
import { isQueueStoreError } from '@mistral-batch-rx/queue'
import {
  isDecodeError,
  isHttpError,
  isInvalidRequestError,
  isNetworkError,
  isPaginationError,
  isTimeoutError,
} from 'mistral-batch-rx'
import { CliError, EXIT_CODES, messageOf, type ExitCode } from './exitCodes.js'
import { secretsMask } from './maskSecrets.js'

/** A failure as the command line reports it: one line, without the `error: ` prefix. */
export type DescribedError = { readonly message: string; readonly exitCode: ExitCode }

/** `no such file` for `ENOENT` and the like: what a code about a file means. */
export const FILE_PROBLEMS: Readonly<Partial<Record<string, string>>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
}

/** The code and path of a Node system error (`ENOENT` and the path), or undefined. */
export const systemErrorOf = (error: unknown): { code: string; path?: string } | undefined => {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, path } = error as { code?: unknown; path?: unknown }
  if (typeof code !== 'string') return undefined
  return typeof path === 'string' ? { code, path } : { code }
}

/** The text on one line: line breaks and the blanks around them become one space. */
export const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

const describeKnown = (error: unknown): [string, ExitCode] => {
  if (error instanceof CliError) return [error.message, error.exitCode]
  // Refused before anything was sent: a bad argument, input or setting (a malformed key included).
  if (isInvalidRequestError(error)) return [error.message, EXIT_CODES.usage]
  if (isHttpError(error)) {
    const requestId = error.requestId === undefined ? '' : ` (request id ${error.requestId})`
    return error.status === 401 || error.status === 403
      ? [`${error.message}${requestId}: check MISTRAL_API_KEY or --api-key`, EXIT_CODES.auth]
      : [`${error.message}${requestId}`, EXIT_CODES.http]
  }
  if (isNetworkError(error)) {
    const hint = error.code === 'ECONNREFUSED' ? ' (is the server running? check --base-url)' : ''
    return [`${error.message}${hint}`, EXIT_CODES.http]
  }
  if (isTimeoutError(error) || isDecodeError(error) || isPaginationError(error)) {
    return [error.message, EXIT_CODES.http]
  }
  // The queue's database: of a newer schema (upgrade) or a data dir in use (stop the other
  // command) are settings; else it is out of reach, like a server.
  if (isQueueStoreError(error)) {
    if (error.reason === 'in-use') {
      return [`${error.message}; for many processes, give --postgres URL`, EXIT_CODES.usage]
    }
    return [error.message, error.reason === 'newer-schema' ? EXIT_CODES.usage : EXIT_CODES.http]
  }
  const system = systemErrorOf(error)
  const problem = system === undefined ? undefined : FILE_PROBLEMS[system.code]
  if (system !== undefined && problem !== undefined) {
    return [`${system.path === undefined ? '' : `${system.path}: `}${problem}`, EXIT_CODES.usage]
  }
  return [`unexpected error: ${messageOf(error)}`, EXIT_CODES.jobFailed]
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
  const [message, exitCode] = describeKnown(error)
  return { message: oneLine(secretsMask(secrets)(message)), exitCode }
}
