// Client configuration: every option with its default, and its validation into a ResolvedConfig.
import crossFetch from 'cross-fetch'
import { asyncScheduler, type SchedulerLike } from 'rxjs'
import { InvalidRequestError } from './errors/InvalidRequestError.js'
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
  /**
   * The base delay before the first retry; it doubles on each further retry.
   * @default 500
   */
  readonly initialDelayMs?: number
  /**
   * The longest backoff delay (before jitter).
   * @default 30_000
   */
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
  /**
   * The random source of the jitter, returning a number in [0, 1).
   * @default Math.random
   */
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
   * responses; where there is none, the cross-fetch ponyfill.
   * @default globalThis.fetch, else cross-fetch
   */
  readonly fetch?: FetchLike
  /**
   * The time limit of one attempt of a JSON request, headers and body together, in
   * milliseconds. Downloads use an idle timeout instead.
   * @default 60_000
   */
  readonly timeoutMs?: number
  /**
   * Retry timing (see {@link RetryOptions} for each default).
   * @default { maxRetries: 4, initialDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 120_000, jitter: 'full' }
   */
  readonly retry?: RetryOptions
  /**
   * Extra headers sent with every request (an operation's own headers win over these).
   * @default {}
   */
  readonly headers?: Readonly<Record<string, string>>
  /**
   * The `User-Agent` header (browsers may ignore it).
   * @default 'mistral-batch-rx/<version>'
   */
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
}

/** A validated config with every default filled in. `apiKey` is non-enumerable. */
export interface ResolvedConfig {
  /** The API key; a non-enumerable property, so printing the config never shows it. */
  readonly apiKey: string
  /** The base URL without a trailing slash. */
  readonly baseUrl: string
  /** The fetch function. */
  readonly fetch: FetchLike
  /** The time limit of one JSON request attempt, in milliseconds. */
  readonly timeoutMs: number
  /** Retry timing with defaults filled in. */
  readonly retry: ResolvedRetryOptions
  /** Extra headers sent with every request. */
  readonly headers: Readonly<Record<string, string>>
  /** The `User-Agent` header. */
  readonly userAgent: string
  /** The scheduler of every timer. */
  readonly scheduler: SchedulerLike
  /** Whether plain `http:` to a non-loopback host is allowed. */
  readonly allowInsecureHttp: boolean
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

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const defaultFetch = (): FetchLike =>
  typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : crossFetch

const environmentApiKey = (): string | undefined => {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env
  return env?.MISTRAL_API_KEY
}

const resolveApiKey = (configured: string | undefined): string => {
  const apiKey = configured ?? environmentApiKey()
  if (apiKey === undefined || apiKey.trim() === '') {
    throw new InvalidRequestError(
      'No API key: pass `apiKey` or set the MISTRAL_API_KEY environment variable',
      { field: 'apiKey' },
    )
  }
  return apiKey
}

const isLoopback = (hostname: string): boolean =>
  LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost') || /^127\./.test(hostname)

const resolveBaseUrl = (configured: string, allowInsecureHttp: boolean): string => {
  let url: URL
  try {
    url = new URL(configured)
  } catch {
    throw new InvalidRequestError('baseUrl is not an absolute URL', { field: 'baseUrl' })
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidRequestError(`baseUrl must use https: (got ${url.protocol})`, {
      field: 'baseUrl',
    })
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new InvalidRequestError('baseUrl must not carry credentials, a query or a fragment', {
      field: 'baseUrl',
    })
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new InvalidRequestError(
      `baseUrl uses plain http: to ${url.hostname}, which would send the API key unencrypted; ` +
        'use https: or set allowInsecureHttp',
      { field: 'baseUrl' },
    )
  }
  return url.href.replace(/\/+$/, '')
}

const nonNegative = (value: number, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidRequestError(`${field} must be a finite number >= 0`, { field })
  }
  return value
}

const positive = (value: number, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidRequestError(`${field} must be a finite number > 0`, { field })
  }
  return value
}

const resolveRetry = (retry: RetryOptions = {}): ResolvedRetryOptions => {
  const resolved = { ...DEFAULT_RETRY, ...retry }
  if (!Number.isInteger(resolved.maxRetries) || resolved.maxRetries < 0) {
    throw new InvalidRequestError('retry.maxRetries must be an integer >= 0', {
      field: 'retry.maxRetries',
    })
  }
  nonNegative(resolved.initialDelayMs, 'retry.initialDelayMs')
  nonNegative(resolved.maxDelayMs, 'retry.maxDelayMs')
  nonNegative(resolved.maxRetryAfterMs, 'retry.maxRetryAfterMs')
  if (!['full', 'equal', 'none'].includes(resolved.jitter)) {
    throw new InvalidRequestError("retry.jitter must be 'full', 'equal' or 'none'", {
      field: 'retry.jitter',
    })
  }
  return resolved
}

/**
 * Validates a config and fills in its defaults. Throws `InvalidRequestError` for a missing or
 * empty API key, a malformed base URL, or plain `http:` to a non-loopback host without
 * `allowInsecureHttp`.
 */
export const resolveConfig = (config: ClientConfig = {}): ResolvedConfig => {
  const allowInsecureHttp = config.allowInsecureHttp ?? false
  const timeoutMs = positive(config.timeoutMs ?? 60_000, 'timeoutMs')
  if (config.fetch !== undefined && typeof config.fetch !== 'function') {
    throw new InvalidRequestError('fetch must be a function', { field: 'fetch' })
  }
  const resolved = {
    baseUrl: resolveBaseUrl(config.baseUrl ?? DEFAULT_BASE_URL, allowInsecureHttp),
    fetch: config.fetch ?? defaultFetch(),
    timeoutMs,
    retry: resolveRetry(config.retry),
    headers: { ...config.headers },
    userAgent: config.userAgent ?? `mistral-batch-rx/${VERSION}`,
    scheduler: config.scheduler ?? asyncScheduler,
    allowInsecureHttp,
  }
  Object.defineProperty(resolved, 'apiKey', {
    value: resolveApiKey(config.apiKey),
    enumerable: false,
  })
  return resolved as ResolvedConfig
}
