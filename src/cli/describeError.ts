// Turns any failure into one readable line and the exit code it deserves.
import {
  isDecodeError,
  isHttpError,
  isInvalidRequestError,
  isNetworkError,
  isTimeoutError,
} from '../index.js'
import { CliError } from './CliError.js'
import { EXIT_CODES, type ExitCode } from './exitCodes.js'

/** A failure as the command line reports it. */
export interface DescribedError {
  /** One line, without the `error: ` prefix. */
  readonly message: string
  /** The process exit code. */
  readonly exitCode: ExitCode
}

// Config fields whose problems are about credentials or where to connect, not about the input.
const CONNECTION_FIELDS = new Set(['apiKey', 'baseUrl', 'allowInsecureHttp'])

const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
}

const systemError = (error: unknown): { code: string; path?: string } | undefined => {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, path } = error as { code?: unknown; path?: unknown }
  if (typeof code !== 'string') return undefined
  return typeof path === 'string' ? { code, path } : { code }
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

const describeKnown = (error: unknown): DescribedError => {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode }
  if (isInvalidRequestError(error)) {
    const connection = error.field !== undefined && CONNECTION_FIELDS.has(error.field)
    return {
      message: error.message,
      exitCode: connection ? EXIT_CODES.auth : EXIT_CODES.usage,
    }
  }
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
  if (isTimeoutError(error) || isDecodeError(error)) {
    return { message: error.message, exitCode: EXIT_CODES.http }
  }
  const system = systemError(error)
  const reason = system === undefined ? undefined : FILE_ERRORS[system.code]
  if (system !== undefined && reason !== undefined) {
    const where = system.path === undefined ? '' : `${system.path}: `
    return { message: `${where}${reason}`, exitCode: EXIT_CODES.usage }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { message: `unexpected error: ${message}`, exitCode: EXIT_CODES.jobFailed }
}

/** Replaces every occurrence of each secret (the API key) in `text`. */
export const redact = (text: string, secrets: ReadonlyArray<string>): string =>
  secrets.reduce(
    (redacted, secret) => (secret.length < 4 ? redacted : redacted.split(secret).join('***')),
    text,
  )

/**
 * The one-line report of `error` and its exit code. The API keys in `secrets` are cut out of the
 * message even if some layer let one through.
 */
export const describeError = (
  error: unknown,
  secrets: ReadonlyArray<string> = [],
): DescribedError => {
  const known = describeKnown(error)
  return { ...known, message: redact(oneLine(known.message), secrets) }
}
