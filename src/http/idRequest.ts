// The shared shape of every operation on one job or file: check the id, then one decoded request.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import { defer, throwError, type Observable } from 'rxjs'
import { unknownKeyError, type OperationOptions } from '../options/knownKeys.js'
import type { HttpContext } from './HttpContext.js'
import type { QueryParams } from './query.js'
import { requestJson$ } from './requestJson.js'
import type { RetryMode } from './retryPolicy.js'
import { uuidSegment } from './uuidSegment.js'

/** What differs between the operations on one resource. */
export interface IdRequest<A> {
  /** The name of the id in errors (`jobId`, `fileId`). */
  readonly field: string
  /** The collection path the id is appended to (`/v1/batch/jobs`, `/v1/files`). */
  readonly collection: string
  /** The path after the id (`''`, `'/cancel'`, `'/url'`). */
  readonly suffix: string
  /** The HTTP method. */
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** The response codec. */
  readonly codec: t.Decoder<unknown, A>
  /** Query parameters. */
  readonly query?: QueryParams
  /** Which failures may be retried. */
  readonly retry: RetryMode
  /** The caller's signal: aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal | undefined
  /** The caller's options object, checked for unknown names against `knownOptions`. */
  readonly options?: unknown
  /** The option names of this operation, and the operation's name for messages. */
  readonly knownOptions?: OperationOptions
}

/**
 * An Observable that, when subscribed, checks the options' names and that `id` is a UUID (else
 * an `InvalidRequestError`, nothing sent), then sends the request and emits its decoded body.
 */
export const idRequest$ = <A>(ctx: HttpContext, id: string, request: IdRequest<A>): Observable<A> =>
  defer(() => {
    const known = request.knownOptions
    const unknown =
      known === undefined
        ? undefined
        : unknownKeyError(request.options, known.keys, `${known.of} options`)
    if (unknown !== undefined) return throwError(() => unknown)
    return pipe(
      uuidSegment(request.field, id),
      E.match(
        (error) => throwError(() => error),
        (segment) =>
          requestJson$(
            ctx,
            {
              method: request.method,
              path: `${request.collection}/${segment}${request.suffix}`,
              retry: request.retry,
              ...(request.query === undefined ? {} : { query: request.query }),
              ...(request.signal === undefined ? {} : { signal: request.signal }),
            },
            request.codec,
          ),
      ),
    )
  })
