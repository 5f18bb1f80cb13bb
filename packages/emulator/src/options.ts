// The emulator's options, their defaults, and the checks applied before anything starts.
import { parseFaultSpec, type FaultSpec } from './faults/faultSpec.js'
import type { CorsOrigins } from './http/cors.js'
import { shownValue, unknownKey } from './jsonValues.js'

/** How to start an emulator. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string
  /** Keeps files and jobs across restarts, else a temp folder gone on close. @default undefined */
  dataDir?: string
  /** Requires `Authorization: Bearer <apiKey>` (else 401); printable ASCII without spaces.
   * @default undefined (any key) */
  apiKey?: string
  /** Requests each job processes per second; `Infinity` for as fast as possible. @default 200 */
  rate?: number
  /** How long a new job stays QUEUED, in ms. @default 250 */
  queueDelayMs?: number
  /** How many real ms one hour of `timeout_hours` lasts (a scaled clock). @default 3_600_000 */
  hourMs?: number
  /** Faults to inject from the start (checked like `PUT /_emulator/faults`). @default no faults */
  faults?: FaultSpec
  /** Seed of the fault PRNG (when the fault spec has none), an integer. @default 1 */
  seed?: number
  /**
   * Result lines that fail as the model's server would, with `status` (429, 500 or 503) in the
   * results instead of an answer: each request of a job with probability `rate`, decided by the
   * job and the line (so the same request in a later job may well succeed). For retries of failed
   * rows. @default no failed lines
   */
  failedLines?: FailedLines
  /**
   * Result lines left out, as a server that loses rows would: each request of a job with
   * probability `rate` (decided by the job and the line, apart from `failedLines`) is counted
   * done and succeeded, but has no line in the output or error file. For retries of rows.
   * @default no missing lines
   */
  missingLines?: MissingLines
  /** Largest accepted upload, in bytes. @default 536_870_912 (512 MB) */
  maxUploadBytes?: number
  /**
   * Most requests in one job (Mistral's known-limitations page: 100,000); a create over it is a
   * 400 `invalid_request_error`. @default 100_000
   */
  maxRequestsPerJob?: number
  /**
   * Most requests in jobs not ended, all jobs together (Mistral's batch page: 1,000,000 pending
   * per workspace); a create that would pass it is a 400 `invalid_request_error`.
   * @default 1_000_000
   */
  maxPendingRequests?: number
  /** Origins a browser app may call from (`true`: any), e.g. `['http://localhost:4200']` for
   * `ng serve`: preflights are answered and the headers the client reads exposed. @default false */
  cors?: CorsOrigins
  /** fastify's logger: off unless true. @default false */
  logger?: boolean
  /** Told in one line what was set aside at start (a record moved to `<dataDir>/quarantine/`, a
   * replaced signing key). @default `process.emitWarning` */
  onWarning?: (message: string) => void
}

/** Result lines failed on purpose: which share, with which status. */
export interface FailedLines {
  /** Probability per line, 0..1. */
  rate: number
  /** The status of the failed lines. @default 500 */
  status?: 429 | 500 | 503
}

/** Result lines left out on purpose: which share. */
export interface MissingLines {
  /** Probability per line, 0..1. */
  rate: number
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<
  Omit<EmulatorOptions, 'dataDir' | 'apiKey' | 'faults' | 'failedLines' | 'missingLines'>
> &
  Pick<EmulatorOptions, 'dataDir' | 'apiKey'> & {
    faults: FaultSpec
    failedLines: Required<FailedLines>
    missingLines: MissingLines
  }

/** Every option, so that a mistyped one is refused: the compiler keeps it in step. */
const OPTION_NAMES: Record<keyof EmulatorOptions, true> = {
  port: true,
  host: true,
  dataDir: true,
  apiKey: true,
  rate: true,
  queueDelayMs: true,
  failedLines: true,
  missingLines: true,
  hourMs: true,
  faults: true,
  seed: true,
  maxUploadBytes: true,
  maxRequestsPerJob: true,
  maxPendingRequests: true,
  cors: true,
  logger: true,
  onWarning: true,
}

const isPositive = (n: number) => n > 0 && Number.isFinite(n)
const isPort = (n: number) => Number.isInteger(n) && n >= 0 && n <= 65535
const POSITIVE = 'a positive number'
const isWhole = (n: number) => Number.isSafeInteger(n) && n >= 1
const WHOLE = 'an integer >= 1'

/** Visible ASCII: what an `Authorization` header can carry and every client sends unchanged. */
const HEADER_TOKEN = /^[\x21-\x7e]+$/

/** A key no request could match (a newline, a space, a non-ASCII letter) is refused up front. */
const apiKeyOption = (value: string | undefined): string | undefined => {
  if (value === undefined || value === '') return undefined
  if (HEADER_TOKEN.test(value)) return value
  // The key itself stays out of the message: only the offending character and where it is.
  const chars = [...value]
  const index = chars.findIndex((char) => !HEADER_TOKEN.test(char))
  const code = (chars[index]?.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')
  throw new RangeError(
    `apiKey must be printable ASCII without spaces (it travels in the Authorization header); character ${index} is U+${code}`,
  )
}

/** `cors` checked: a boolean, or origins as browsers send them (`http://localhost:4200`). */
const corsOption = (value: CorsOrigins | undefined): CorsOrigins => {
  if (value === undefined || typeof value === 'boolean') return value ?? false
  const origins = Array.isArray(value) ? (value as unknown[]) : [value]
  for (const origin of origins) {
    let parsed: URL | undefined
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : undefined
    } catch {
      parsed = undefined
    }
    if (parsed === undefined || parsed.origin !== origin) {
      throw new RangeError(
        `cors must be true, false or a list of origins such as http://localhost:4200, got ${shownValue(origin)}`,
      )
    }
  }
  return origins as string[]
}

const failedLinesOption = (value: FailedLines | undefined): Required<FailedLines> => {
  if (value === undefined) return { rate: 0, status: 500 }
  const { rate, status = 500 } = value
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new RangeError(`failedLines.rate must be a number in 0..1, got ${shownValue(rate)}`)
  }
  if (![429, 500, 503].includes(status)) {
    throw new RangeError(`failedLines.status must be 429, 500 or 503, got ${shownValue(status)}`)
  }
  return { rate, status }
}

const missingLinesOption = (value: MissingLines | undefined): MissingLines => {
  const rate = value === undefined ? 0 : value.rate
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
    throw new RangeError(`missingLines.rate must be a number in 0..1, got ${shownValue(rate)}`)
  }
  return { rate }
}

/** Fills in defaults; an unknown or impossible option throws a RangeError naming it, bad `faults`
 * the TypeError of `parseFaultSpec`. */
export const resolveOptions = (options: EmulatorOptions = {}): ResolvedOptions => {
  const unknown = unknownKey(options, Object.keys(OPTION_NAMES))
  if (unknown !== undefined) throw new RangeError(`unknown option ${unknown}`)
  type NumberOption =
    | 'port'
    | 'rate'
    | 'queueDelayMs'
    | 'hourMs'
    | 'seed'
    | 'maxUploadBytes'
    | 'maxRequestsPerJob'
    | 'maxPendingRequests'
  const number = (
    name: NumberOption,
    fallback: number,
    ok: (n: number) => boolean,
    must: string,
  ) => {
    const value = options[name] ?? fallback
    if (!ok(value)) throw new RangeError(`${name} must be ${must}, got ${shownValue(value)}`)
    return value
  }
  return {
    port: number('port', 0, isPort, 'an integer in 0..65535'),
    host: options.host ?? '127.0.0.1',
    dataDir: options.dataDir,
    apiKey: apiKeyOption(options.apiKey),
    rate: number('rate', 200, (n) => isPositive(n) || n === Infinity, POSITIVE),
    queueDelayMs: number('queueDelayMs', 250, (n) => Number.isFinite(n) && n >= 0, 'a number >= 0'),
    hourMs: number('hourMs', 3_600_000, isPositive, POSITIVE),
    faults: parseFaultSpec(options.faults ?? { rules: [] }),
    seed: number('seed', 1, Number.isSafeInteger, 'an integer'),
    maxUploadBytes: number('maxUploadBytes', 512 * 1024 * 1024, isPositive, POSITIVE),
    maxRequestsPerJob: number('maxRequestsPerJob', 100_000, isWhole, WHOLE),
    maxPendingRequests: number('maxPendingRequests', 1_000_000, isWhole, WHOLE),
    failedLines: failedLinesOption(options.failedLines),
    missingLines: missingLinesOption(options.missingLines),
    cors: corsOption(options.cors),
    logger: options.logger ?? false,
    onWarning:
      options.onWarning ?? ((message) => process.emitWarning(message, 'MistralEmulatorWarning')),
  }
}
