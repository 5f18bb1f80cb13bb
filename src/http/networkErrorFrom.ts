// Turns whatever a fetch or a body read rejected with into a NetworkError that keeps its code.
import { isNetworkError } from '../errors/index.js'
import { ABORTED_BY_CALLER, NetworkError, type NetworkErrorCause } from '../errors/NetworkError.js'
import type { Redact } from '../errors/secretMask.js'

/** The method and URL of a request for errors: no credentials, no secret query values. */
export interface RequestOrigin {
  readonly method: string
  readonly url: string
}

const field = (u: unknown, key: string): unknown =>
  typeof u === 'object' && u !== null ? (u as Record<string, unknown>)[key] : undefined

// undici wraps the system error (`TypeError: fetch failed`, cause `{ code: 'ECONNREFUSED' }`,
// sometimes an AggregateError of one per address); node-fetch puts `code` on the error itself.
const innermost = (error: unknown): unknown => {
  let current = error
  for (let depth = 0; depth < 5; depth++) {
    const next = field(current, 'cause') ?? (field(current, 'errors') as unknown[] | undefined)?.[0]
    if (typeof next !== 'object' || next === null) break
    current = next
  }
  return current
}

const codeOf = (error: unknown): string | undefined => {
  for (const candidate of [field(error, 'code'), field(innermost(error), 'code')]) {
    if (typeof candidate === 'string') return candidate
  }
  return undefined
}

/** A summary of a failure that keeps its name, the innermost message and the code. */
export const summarizeCause = (error: unknown): NetworkErrorCause => {
  const inner = innermost(error)
  const name = field(error, 'name')
  const message = field(inner, 'message') ?? field(error, 'message')
  const code = codeOf(error)
  return {
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    ...(code === undefined ? {} : { code }),
  }
}

/**
 * A `NetworkError` for a request that failed without a response, or whose body broke off. The
 * cause's text goes through `redact`: a fetch that rejects a header quotes its value, key and all.
 */
export const networkErrorFrom = (
  error: unknown,
  origin: RequestOrigin,
  what = 'failed',
  redact: Redact = (text) => text,
): NetworkError => {
  const summary = summarizeCause(error)
  const cause = { ...summary, message: redact(summary.message) }
  return new NetworkError(`${origin.method} ${origin.url} ${what}: ${cause.message}`, {
    ...origin,
    cause,
  })
}

/**
 * `error` with the secret masked, when it is a `NetworkError` whose text holds it (built anew, so
 * that its stack, which repeats the message, is clean too); any other value as it is.
 */
export const redactNetworkError = (error: unknown, redact: Redact): unknown => {
  if (!isNetworkError(error)) return error
  const message = redact(error.message)
  const cause = error.cause
  const causeMessage = cause === undefined ? undefined : redact(cause.message)
  if (message === error.message && causeMessage === cause?.message) return error
  return new NetworkError(message, {
    method: error.method,
    url: error.url,
    ...(cause === undefined ? {} : { cause: { ...cause, message: causeMessage ?? '' } }),
  })
}

/** The `NetworkError` of a request aborted by the caller's own signal; it is never retried. */
export const abortedByCaller = (origin: RequestOrigin): NetworkError =>
  new NetworkError(`${origin.method} ${origin.url} was aborted by the caller's signal`, {
    ...origin,
    cause: { name: 'AbortError', message: 'aborted', code: ABORTED_BY_CALLER },
  })
