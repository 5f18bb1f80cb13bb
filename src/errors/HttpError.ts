// The error for an HTTP response outside 2xx, with what Mistral said about it.
import type { ApiErrorBody } from '../codecs/ApiErrorBody.js'
import { summarizeApiErrorBody } from '../codecs/summarizeApiErrorBody.js'
import type { ValidationErrorDetail } from '../codecs/ValidationErrorDetail.js'
import { TaggedError } from './TaggedError.js'

/** Fields of an {@link HttpError}; everything else is read from `body`. */
export interface HttpErrorInit {
  /** The HTTP status code. */
  readonly status: number
  /** The HTTP method of the request. */
  readonly method: string
  /** The URL of the request, without credentials or secret query values. */
  readonly url: string
  /** The decoded error body, or `undefined` when it was empty or of no known shape. */
  readonly body?: ApiErrorBody
  /** The `x-kong-request-id` or `x-request-id` response header. */
  readonly requestId?: string
  /** The wait the server asked for (`retry-after-ms` or `Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number
  /** The `x-ratelimit-*` response headers, by lower-case name. */
  readonly rateLimit?: Readonly<Record<string, string>>
}

/**
 * The server answered with a status outside 2xx. The message reads
 * `Request failed with status 429: GET https://api.mistral.ai/v1/batch/jobs: Rate limit exceeded`.
 * No request or response headers are kept, so the API key cannot leak through it.
 */
export class HttpError extends TaggedError<'HttpError'> {
  readonly _tag = 'HttpError' as const
  /** The HTTP status code. */
  readonly status: number
  /** The HTTP method of the request. */
  readonly method: string
  /** The URL of the request, without credentials or secret query values. */
  readonly url: string
  /** The decoded error body, or `undefined` when it was empty or of no known shape. */
  readonly body: ApiErrorBody | undefined
  /** The error `type` of the body (e.g. `'rate_limited'`, `'invalid_request_error'`). */
  readonly type: string | undefined
  /** The error `code` of the body, as a string (e.g. `'1300'`). */
  readonly code: string | undefined
  /** The `param` of the body. */
  readonly param: string | undefined
  /** The validation failures of a 422 body. */
  readonly detail: ReadonlyArray<ValidationErrorDetail> | undefined
  /** The request id, from the headers or else from the body. */
  readonly requestId: string | undefined
  /** The wait the server asked for, in milliseconds. */
  readonly retryAfterMs: number | undefined
  /** The `x-ratelimit-*` response headers, by lower-case name. */
  readonly rateLimit: Readonly<Record<string, string>>

  constructor(init: HttpErrorInit) {
    const summary = init.body === undefined ? undefined : summarizeApiErrorBody(init.body)
    const said = summary === undefined || summary.message === '' ? '' : `: ${summary.message}`
    super(
      'HttpError',
      `Request failed with status ${init.status}: ${init.method} ${init.url}${said}`,
    )
    this.status = init.status
    this.method = init.method
    this.url = init.url
    this.body = init.body
    this.type = summary?.type
    this.code = summary?.code
    this.param = summary?.param
    this.detail = summary?.detail
    this.requestId = init.requestId ?? summary?.requestId
    this.retryAfterMs = init.retryAfterMs
    this.rateLimit = init.rateLimit ?? {}
  }
}
