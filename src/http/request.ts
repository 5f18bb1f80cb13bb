// fetch as a cold Observable: one attempt (send$), and request$ with timeout, retry and caller signal.
import * as E from 'fp-ts/Either'
import { catchError, mergeMap, Observable, of, pipe, throwError, type OperatorFunction } from 'rxjs'
import type { ResolvedConfig } from '../config.js'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { TimeoutError } from '../errors/TimeoutError.js'
import { abortOnSignal } from './abortOnSignal.js'
import { readText$ } from './bodyChunks.js'
import type { HttpContext } from './HttpContext.js'
import { httpErrorFromResponse } from './httpErrorFromResponse.js'
import { jsonTextOr } from './jsonProblem.js'
import {
  abortedByCaller,
  networkErrorFrom,
  redactNetworkError,
  type RequestOrigin,
} from './networkErrorFrom.js'
import type { QueryParams } from './query.js'
import { retrying, type RetryMode } from './retry.js'
import { timeoutAfter } from './timeoutAfter.js'
import { buildUrl, redactUrl } from './url.js'

/** What to send. Each subscription builds its own request from it; it is never mutated. */
export interface RequestSpec {
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** The path under the base URL, ids already encoded with `encodePathSegment`. */
  readonly path: string
  readonly query?: QueryParams
  /** A JSON body, serialized with `content-type: application/json`. */
  readonly json?: unknown
  /** A raw body (multipart form, stream, bytes), when `json` is not given. */
  readonly body?: BodyInit
  /** Headers of this request; they win over the config's. */
  readonly headers?: Readonly<Record<string, string>>
  /** The caller's signal: aborting it ends the request with a `NetworkError` (never retried). */
  readonly signal?: AbortSignal
  readonly retry: RetryMode
  /** The time limit of one attempt; `undefined` uses the config's, `null` sets none (streams). */
  readonly timeoutMs?: number | null
  /**
   * fetch's redirect mode; never `'follow'`, whatever fetch is injected: node-fetch 2 forwards
   * `Authorization` to another origin and re-posts a body on a 307. `'manual'` makes a 3xx an
   * `HttpError` (never retried). Uploads set `'error'`: unless redirects are refused, Node's fetch
   * (undici) tees a streamed body to replay it, keeping every chunk sent (nodejs/undici#4058).
   * @default 'manual'
   */
  readonly redirect?: 'manual' | 'error'
}

/** Reads a 2xx response into values; it runs inside the request's Observable. */
export type ReadResponse<A> = (response: Response, signal: AbortSignal) => Observable<A>

/** How much of an error body is read: enough for any Mistral error, bounded against huge pages. */
const ERROR_BODY_LIMIT_BYTES = 16 * 1024

/** The method and redacted URL of `spec`, for error messages. */
export const requestOrigin = (ctx: HttpContext, spec: RequestSpec): RequestOrigin => ({
  method: spec.method,
  // a query value may carry any text (a search filter), the key included
  url: ctx.redact(redactUrl(buildUrl(ctx.config.baseUrl, spec.path, spec.query))),
})

const lowerCaseKeys = (headers: Readonly<Record<string, string>> = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))

/**
 * The headers to send, names lower-cased so a later source replaces an earlier one instead of
 * adding a second value: defaults, then `config.headers`, then the operation's `headers`.
 */
export const requestHeaders = (
  config: ResolvedConfig,
  headers: Readonly<Record<string, string>> | undefined,
  contentType: string | undefined,
): Record<string, string> => ({
  authorization: `Bearer ${config.apiKey}`,
  'user-agent': config.userAgent,
  ...(contentType === undefined ? {} : { 'content-type': contentType }),
  ...lowerCaseKeys(config.headers),
  ...lowerCaseKeys(headers),
})

const hasStreamBody = (body: BodyInit | undefined): boolean =>
  typeof body === 'object' && body !== null && 'getReader' in body

// A JSON body is serialized before anything is sent: one without JSON text (a BigInt, a cycle, a
// throwing toJSON) is the caller's mistake, never a network failure to retry or recover from.
const requestInit = (
  ctx: HttpContext,
  spec: RequestSpec,
  signal: AbortSignal,
): E.Either<InvalidRequestError, RequestInit> => {
  const init = { method: spec.method, signal, redirect: spec.redirect ?? 'manual' } as const
  if (spec.json !== undefined) {
    const json = jsonTextOr(spec.json, 'body', `${spec.method} ${spec.path}: `, ctx.redact)
    const headers = requestHeaders(ctx.config, spec.headers, 'application/json')
    return E.map((body: string) => ({ ...init, headers, body }))(json)
  }
  return E.right({
    ...init,
    headers: requestHeaders(ctx.config, spec.headers, undefined),
    ...(spec.body === undefined ? {} : { body: spec.body }),
    // fetch in Node requires `duplex` for a streamed request body
    ...(hasStreamBody(spec.body) ? { duplex: 'half' } : {}),
  })
}

// A browser hands a 'manual' redirect over as an opaque response of status 0; a fetch that
// follows one whatever it was told says so in `redirected`: its answer is not ours to use.
const isRedirect = (response: Response): boolean =>
  response.type === 'opaqueredirect' ||
  response.redirected ||
  (response.status >= 300 && response.status < 400)

const REDIRECT_REFUSED = {
  message:
    'the server answered with a redirect, which is not followed: the API key goes to no URL ' +
    'but the base URL (check baseUrl)',
}

const failWithHttpError = (
  ctx: HttpContext,
  response: Response,
  signal: AbortSignal,
  origin: RequestOrigin,
): Observable<never> =>
  (isRedirect(response)
    ? of(JSON.stringify(REDIRECT_REFUSED))
    : readText$(response.body, signal, origin, ERROR_BODY_LIMIT_BYTES)
  ).pipe(
    catchError(() => of('')),
    mergeMap((text) =>
      throwError(() =>
        httpErrorFromResponse(response, text, origin, ctx.config.scheduler.now(), ctx.redact),
      ),
    ),
  )

/**
 * One attempt, cold: calls fetch with a fresh `AbortController` and reads a 2xx response with
 * `read` inside this same Observable, so unsubscribing aborts both. A non-2xx response is an
 * `HttpError`, a rejected fetch a `NetworkError`. No timeout, no retry.
 */
export const send$ = <A>(
  ctx: HttpContext,
  spec: RequestSpec,
  read: ReadResponse<A>,
): Observable<A> =>
  new Observable<A>((subscriber) => {
    const controller = new AbortController()
    const init = requestInit(ctx, spec, controller.signal)
    if (E.isLeft(init)) {
      subscriber.error(init.left)
      return
    }
    // Once the body is read to its end there is nothing left to abort, and an abort costs an
    // AbortError with its stack plus an event to every listener: a tenth of a small request.
    let bodyRead = false
    const onResponse = (response: Response): void => {
      if (subscriber.closed) return
      try {
        const values$ =
          response.ok && !response.redirected
            ? read(response, controller.signal)
            : failWithHttpError(ctx, response, controller.signal, requestOrigin(ctx, spec))
        subscriber.add(
          values$.subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => subscriber.error(redactNetworkError(error, ctx.redact)),
            complete: () => {
              bodyRead = true
              subscriber.complete()
            },
          }),
        )
      } catch (error) {
        subscriber.error(error)
      }
    }
    const onFailure = (error: unknown): void => {
      if (!subscriber.closed)
        subscriber.error(networkErrorFrom(error, requestOrigin(ctx, spec), 'failed', ctx.redact))
    }
    const url = buildUrl(ctx.config.baseUrl, spec.path, spec.query)
    try {
      ctx.config.fetch(url, init.right).then(onResponse, onFailure)
    } catch (error) {
      onFailure(error)
    }
    return () => {
      if (!bodyRead) controller.abort()
    }
  })

const attemptTimeout = <A>(ctx: HttpContext, spec: RequestSpec): OperatorFunction<A, A> => {
  const timeoutMs = spec.timeoutMs === undefined ? ctx.config.timeoutMs : spec.timeoutMs
  if (timeoutMs === null) return pipe()
  return timeoutAfter<A>(timeoutMs, ctx.config.scheduler, () => {
    const { method, url } = requestOrigin(ctx, spec)
    return new TimeoutError(`${method} ${url} timed out after ${timeoutMs} ms`, {
      timeoutMs,
      method,
      url,
    })
  })
}

/**
 * `send$` with each attempt bounded by `spec.timeoutMs` (else the config's; a `TimeoutError`),
 * failures retried per `spec.retry`, and the whole aborted by the caller's `spec.signal`.
 */
export const request$ = <A>(
  ctx: HttpContext,
  spec: RequestSpec,
  read: ReadResponse<A>,
): Observable<A> =>
  send$(ctx, spec, read).pipe(
    attemptTimeout<A>(ctx, spec),
    retrying(ctx.config, { mode: spec.retry }),
    abortOnSignal(spec.signal, () => abortedByCaller(requestOrigin(ctx, spec))),
  )
