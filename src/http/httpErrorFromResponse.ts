// Builds the HttpError of a non-2xx response from its status, headers and (bounded) body text.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { ApiErrorBody } from '../codecs/ApiErrorBody.js'
import { HttpError } from '../errors/HttpError.js'
import { redactStrings, type Redact } from '../errors/secretMask.js'
import type { RequestOrigin } from './networkErrorFrom.js'
import { parseRetryAfter } from './retryTiming.js'

/** The parts of a response an `HttpError` is built from (a fetch `Response` has them). */
export interface ErrorResponse {
  readonly status: number
  readonly headers: Pick<Headers, 'get' | 'forEach'>
}

const RATE_LIMIT_PREFIX = 'x-ratelimit-'

// Masked once parsed: a key the server escaped in JSON (`\u0073k-...`) reads plain only then.
const parseBody = (text: string, redact: Redact): ApiErrorBody | undefined => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  return pipe(
    ApiErrorBody.decode(redactStrings(json, redact)),
    E.getOrElseW(() => undefined),
  )
}

const rateLimitHeaders = (
  headers: ErrorResponse['headers'],
  redact: Redact,
): Record<string, string> => {
  const found: Record<string, string> = {}
  headers.forEach((value, name) => {
    const lower = name.toLowerCase()
    if (lower.startsWith(RATE_LIMIT_PREFIX)) found[lower] = redact(value)
  })
  return found
}

const requestIdOf = (headers: ErrorResponse['headers'], redact: Redact): string | undefined => {
  const id = headers.get('x-kong-request-id') ?? headers.get('x-request-id')
  return id === null ? undefined : redact(id)
}

/**
 * The `HttpError` for `response`: its body decoded as an `ApiErrorBody` when it is one, the
 * request id, the server's Retry-After (relative to `now`) and the rate-limit headers. The key
 * is masked (`redact`) in every text taken from the response, should a server ever echo it.
 */
export const httpErrorFromResponse = (
  response: ErrorResponse,
  bodyText: string,
  origin: RequestOrigin,
  now: number,
  redact: Redact,
): HttpError =>
  new HttpError({
    status: response.status,
    method: origin.method,
    url: origin.url,
    body: parseBody(bodyText, redact),
    requestId: requestIdOf(response.headers, redact),
    retryAfterMs: parseRetryAfter(response.headers, now),
    rateLimit: rateLimitHeaders(response.headers, redact),
  })
