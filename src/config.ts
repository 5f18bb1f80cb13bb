// Client configuration: every option with its default, and its validation into a ResolvedConfig.
import { asyncScheduler, type SchedulerLike } from 'rxjs'
import { InvalidRequestError } from './errors/InvalidRequestError.js'
import { platformFetch } from './http/platformFetch.js'
import { describeType, unknownKeyError, type KnownKeys } from './options/knownKeys.js'
import { durationProblem, type DurationFloor } from './time/durations.js'
import { VERSION } from './version.js'

/** The fetch function the client calls: the platform's, cross-fetch, or any compatible one. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** How backoff delays are randomised, so many clients do not retry in lockstep. */
export type RetryJitter = 'full' | 'equal' | 'none'

/** Retry options: how often and how long to wait. What is retried is decided per operation. */
export interface RetryOptions {
  /**
   * How many times a failed attempt is retried (so at most `maxRetries + 1` requests).
   * @default 4
   */
  readonly maxRetries?: number
  /** The base delay before the first retry; it doubles on each further retry. @default 500 */
  readonly initialDelayMs?: number
  /** The longest backoff delay (before jitter). @default 30_000 */
  readonly maxDelayMs?: number
  /**
   * The longest server-asked wait (`Retry-After`, `retry-after-ms`) honoured; a longer one is
   * cut down to this.
   * @default 120_000
   */
  readonly maxRetryAfterMs?: number
  /**
   * `'full'`: a random delay in [0, backoff]; `'equal'`: in [backoff / 2, backoff]; `'none'`: the
   * backoff itself.
   * @default 'full'
   */
  readonly jitter?: RetryJitter
  /** The random source of the jitter, returning a number in [0, 1). @default Math.random */
  readonly random?: () => number
}

/** Retry options with every default filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>

/** Options of `createClient`. Every field is optional. */
export interface ClientConfig {
  /**
   * The Mistral API key, sent as `Authorization: Bearer <key>`. It is never printed: not by
   * `util.inspect`, `JSON.stringify` nor in any error.
   * @default process.env.MISTRAL_API_KEY, where `process.env` exists
   */
  readonly apiKey?: string
  /**
   * The API origin (a path prefix is kept). Plain `http:` is refused except to a loopback host
   * (`localhost`, `127.0.0.1`, `[::1]`), unless `allowInsecureHttp` is set.
   * @default 'https://api.mistral.ai'
   */
  readonly baseUrl?: string
  /**
   * The fetch implementation. The default is the platform's `fetch` (Node 18+, browsers, Deno),
   * bound to `globalThis`, because it streams request bodies and gives web `ReadableStream`
   * responses; where there is none, the cross-fetch ponyfill (browser builds never bundle it: there,
   * a runtime without a global fetch must pass one).
   * @default globalThis.fetch, else cross-fetch
   */
  readonly fetch?: FetchLike
  /**
   * The time limit of one attempt of a JSON request, headers and body together, in
   * milliseconds. Downloads use an idle timeout instead.
   * @default 60_000
   */
  readonly timeoutMs?: number
  /** Retry timing (see {@link RetryOptions} for each default). */
  readonly retry?: RetryOptions
  /**
   * Extra headers sent with every request (an operation's own headers win over these).
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>
  /** The `User-Agent` header (browsers may ignore it). @default 'mistral-batch-rx/<version>' */
  readonly userAgent?: string
  /**
   * The scheduler of every timer: timeouts, retry delays, polling. Tests pass a `TestScheduler`.
   * @default asyncScheduler
   */
  readonly scheduler?: SchedulerLike
  /**
   * Allow plain `http:` to a host that is not loopback (the key then travels unencrypted).
   * @default false
   */
  readonly allowInsecureHttp?: boolean
  /**
   * The most bytes read of one JSON response body (after decompression); a larger body ends the
   * request with a `DecodeError` instead of filling memory. At most 268,435,456 (256 MiB).
   * @default 67_108_864 (64 MiB)
   */
  readonly maxJsonBodyBytes?: number
  /**
   * The most characters (UTF-16 code units, never more than the line's UTF-8 bytes) of one line
   * of a results file, at most 268,435,456; a longer line is never held whole: it becomes a
   * `Left` that names it, and the stream goes on with the next line.
   * @default 67_108_864 (64 Mi)
   */
  readonly maxResultLineLength?: number
  /**
   * The most pages one listing fetches (`list$`, `listPages$`, `files.list$`, the lookups of
   * idempotent create and upload); reaching it ends the listing with a `PaginationError`.
   * @default 10_000
   */
  readonly maxPages?: number
}

/**
 * A validated config with every default filled in. `apiKey` is a non-enumerable property, so
 * printing the config never shows it.
 */
export type ResolvedConfig = Required<Omit<ClientConfig, 'retry' | 'headers'>> & {
  readonly retry: ResolvedRetryOptions
  readonly headers: Readonly<Record<string, string>>
}

/** The default base URL of the Mistral API. */
export const DEFAULT_BASE_URL = 'https://api.mistral.ai'

/** The default retry timing. */
export const DEFAULT_RETRY: ResolvedRetryOptions = {
  maxRetries: 4,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  jitter: 'full',
  random: Math.random,
}

const environmentApiKey = (): string | undefined => {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env
  return env?.MISTRAL_API_KEY
}

const invalid = (field: string, message: string): never => {
  throw new InvalidRequestError(message, { field })
}

// Mistral's keys are visible ASCII; anything else (a newline, NUL, a control or non-Latin-1
// character) cannot go into a header, and fetch's own error would quote the whole `Bearer <key>`.
const HEADER_SAFE_KEY = /^[\x21-\x7e]+$/

const resolveApiKey = (configured: unknown): string => {
  const apiKey = configured ?? environmentApiKey()
  if (apiKey === undefined || (typeof apiKey === 'string' && apiKey.trim() === '')) {
    return invalid(
      'apiKey',
      'No API key: pass `apiKey` or set the MISTRAL_API_KEY environment variable',
    )
  }
  if (typeof apiKey !== 'string') {
    return invalid('apiKey', `apiKey must be a string, got ${describeType(apiKey)}`)
  }
  if (!HEADER_SAFE_KEY.test(apiKey)) {
    return invalid(
      'apiKey',
      'apiKey holds a character that cannot be sent in an HTTP header (whitespace, a control ' +
        'character or a non-ASCII one): check for a stray newline or space around it',
    )
  }
  return apiKey
}

const IPV4_LOOPBACK =
  /^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/

/**
 * Loopback means an IP literal in 127.0.0.0/8, `[::1]` or exactly `localhost`: a name such as
 * `127.attacker.example` or `127.0.0.1.nip.io` resolves wherever its owner likes. (The URL
 * parser has already turned `127.1` and `0x7f.1` into `127.0.0.1`.)
 */
export const isLoopbackHost = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || IPV4_LOOPBACK.test(hostname)

const resolveBaseUrl = (configured: unknown, allowInsecureHttp: boolean): string => {
  if (typeof configured !== 'string') {
    return invalid('baseUrl', `baseUrl must be a string, got ${describeType(configured)}`)
  }
  let url: URL
  try {
    url = new URL(configured)
  } catch {
    return invalid('baseUrl', 'baseUrl is not an absolute URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid('baseUrl', `baseUrl must use https: (got ${url.protocol})`)
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return invalid('baseUrl', 'baseUrl must not carry credentials, a query or a fragment')
  }
  if (/\/v1\/*$/i.test(url.pathname)) {
    const origin = `${url.origin}${url.pathname.replace(/\/v1\/*$/i, '')}`
    return invalid(
      'baseUrl',
      `baseUrl must not end in /v1: every path already starts with /v1; pass '${origin}'`,
    )
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    return invalid(
      'baseUrl',
      `baseUrl uses plain http: to ${url.hostname}, which would send the API key unencrypted; ` +
        'use https: or set allowInsecureHttp',
    )
  }
  return url.href.replace(/\/+$/, '')
}

const duration = (value: unknown, field: string, floor: DurationFloor): number => {
  const problem = durationProblem(value, field, floor)
  return problem === undefined ? (value as number) : invalid(field, problem)
}

const integerIn = (value: unknown, field: string, min: number, max: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : invalid(field, `${field} must be an integer from ${min} to ${max}, got ${String(value)}`)

/** The most retries of one request: beyond it a caller meant something else. */
const MAX_RETRIES = 100

const resolveRetry = (retry: RetryOptions = {}): ResolvedRetryOptions => {
  // the defaults name every retry option
  const unknown = unknownKeyError<RetryOptions>(retry, DEFAULT_RETRY, 'retry')
  if (unknown !== undefined) throw unknown
  const resolved = { ...DEFAULT_RETRY, ...retry }
  integerIn(resolved.maxRetries, 'retry.maxRetries', 0, MAX_RETRIES)
  duration(resolved.initialDelayMs, 'retry.initialDelayMs', 'nonNegative')
  duration(resolved.maxDelayMs, 'retry.maxDelayMs', 'nonNegative')
  duration(resolved.maxRetryAfterMs, 'retry.maxRetryAfterMs', 'nonNegative')
  if (!['full', 'equal', 'none'].includes(resolved.jitter)) {
    invalid('retry.jitter', "retry.jitter must be 'full', 'equal' or 'none'")
  }
  if (typeof resolved.random !== 'function') {
    invalid('retry.random', `retry.random must be a function, got ${describeType(resolved.random)}`)
  }
  return resolved
}

const isScheduler = (u: unknown): u is SchedulerLike =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as SchedulerLike).now === 'function' &&
  typeof (u as SchedulerLike).schedule === 'function'

const HEADER_NAME = /^[!#$%&'*+.^_`|~\w-]+$/
const HEADER_VALUE = /^[\x20-\x7e\t]*$/

const resolveHeaders = (headers: unknown): Readonly<Record<string, string>> => {
  if (headers === undefined) return {}
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return invalid('headers', `headers must be an object of strings, got ${describeType(headers)}`)
  }
  for (const [name, value] of Object.entries(headers)) {
    // a bad name or value would make fetch throw on every request (a network error, retried)
    if (!HEADER_NAME.test(name)) {
      invalid('headers', 'headers has a name that is not an HTTP header name (a token)')
    }
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      invalid(
        'headers',
        `headers.${name} must be a string of visible ASCII characters and spaces, got ${describeType(value)}`,
      )
    }
  }
  return { ...(headers as Record<string, string>) }
}

const CONFIG_KEYS: KnownKeys<ClientConfig> = {
  apiKey: true,
  baseUrl: true,
  fetch: true,
  timeoutMs: true,
  retry: true,
  headers: true,
  userAgent: true,
  scheduler: true,
  allowInsecureHttp: true,
  maxJsonBodyBytes: true,
  maxResultLineLength: true,
  maxPages: true,
}

// The default and the largest value of each size limit. No cap of a body or a line passes 256 MiB:
// V8 holds no string of 2^29 characters (512 Mi).
const LIMITS = {
  maxJsonBodyBytes: { fallback: 64 * 1024 * 1024, max: 256 * 1024 * 1024 },
  maxResultLineLength: { fallback: 64 * 1024 * 1024, max: 256 * 1024 * 1024 },
  maxPages: { fallback: 10_000, max: Number.MAX_SAFE_INTEGER },
} as const

const limit = (config: ClientConfig, field: keyof typeof LIMITS): number =>
  integerIn(config[field] ?? LIMITS[field].fallback, field, 1, LIMITS[field].max)

/** Validates a config and fills in its defaults; an invalid one throws `InvalidRequestError`. */
export const resolveConfig = (config: ClientConfig = {}): ResolvedConfig => {
  const unknown = unknownKeyError(config, CONFIG_KEYS, 'config')
  if (unknown !== undefined) throw unknown
  const allowInsecureHttp = config.allowInsecureHttp ?? false
  if (typeof allowInsecureHttp !== 'boolean') {
    invalid('allowInsecureHttp', 'allowInsecureHttp must be true or false')
  }
  if (config.fetch !== undefined && typeof config.fetch !== 'function') {
    invalid('fetch', 'fetch must be a function')
  }
  if (config.scheduler !== undefined && !isScheduler(config.scheduler)) {
    invalid('scheduler', 'scheduler must be an rxjs SchedulerLike (with now() and schedule())')
  }
  const userAgent = config.userAgent ?? `mistral-batch-rx/${VERSION}`
  if (typeof userAgent !== 'string' || !/^[\x20-\x7e]*$/.test(userAgent)) {
    invalid('userAgent', 'userAgent must be a string of visible ASCII characters')
  }
  const apiKey = resolveApiKey(config.apiKey)
  const resolved = {
    baseUrl: resolveBaseUrl(config.baseUrl ?? DEFAULT_BASE_URL, allowInsecureHttp),
    fetch:
      config.fetch ??
      platformFetch() ??
      invalid('fetch', 'this runtime has no global fetch: pass one as the fetch option'),
    timeoutMs: duration(config.timeoutMs ?? 60_000, 'timeoutMs', 'positive'),
    retry: resolveRetry(config.retry),
    headers: resolveHeaders(config.headers),
    userAgent,
    scheduler: config.scheduler ?? asyncScheduler,
    allowInsecureHttp,
    maxJsonBodyBytes: limit(config, 'maxJsonBodyBytes'),
    maxResultLineLength: limit(config, 'maxResultLineLength'),
    maxPages: limit(config, 'maxPages'),
  }
  Object.defineProperty(resolved, 'apiKey', { value: apiKey, enumerable: false })
  return resolved as ResolvedConfig
}
