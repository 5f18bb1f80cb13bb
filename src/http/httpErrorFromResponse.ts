// Builds the HttpError of a non-2xx response from its status, headers and (bounded) body text.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { ApiErrorBody } from '../codecs/ApiErrorBody.js'
import { HttpError } from '../errors/HttpError.js'
import type { RequestOrigin } from './networkErrorFrom.js'
import { parseRetryAfter } from './retryTiming.js'

/** The parts of a response an `HttpError` is built from (a fetch `Response` has them). */
export interface ErrorResponse {
  /** The HTTP status. */
  readonly status: number
  /** The response headers. */
  readonly headers: Pick<Headers, 'get' | 'forEach'>
}

const RATE_LIMIT_PREFIX = 'x-ratelimit-'

const parseBody = (text: string): ApiErrorBody | undefined => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  return pipe(
    ApiErrorBody.decode(json),
    E.getOrElseW(() => undefined),
  )
}

const rateLimitHeaders = (headers: ErrorResponse['headers']): Record<string, string> => {
  const found: Record<string, string> = {}
  headers.forEach((value, name) => {
    const lower = name.toLowerCase()
    if (lower.startsWith(RATE_LIMIT_PREFIX)) found[lower] = value
  })
  return found
}

/**
 * The `HttpError` for `response`: its body decoded as an `ApiErrorBody` when it is one, the
 * request id, the server's Retry-After (relative to `now`) and the rate-limit headers. Any
 * occurrence of `secret` in the body is masked first, should a server ever echo the key.
 */
export const httpErrorFromResponse = (
  response: ErrorResponse,
  bodyText: string,
  origin: RequestOrigin,
  now: number,
  secret: string,
): HttpError => {
  const masked = secret === '' ? bodyText : bodyText.split(secret).join('[redacted]')
  return new HttpError({
    status: response.status,
    method: origin.method,
    url: origin.url,
    body: parseBody(masked),
    requestId:
      response.headers.get('x-kong-request-id') ??
      response.headers.get('x-request-id') ??
      undefined,
    retryAfterMs: parseRetryAfter(response.headers, now),
    rateLimit: rateLimitHeaders(response.headers),
  })
}
