// The shared shape of the one-file JSON operations: validate the id, then one decoded request.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import { defer, throwError, type Observable } from 'rxjs'
import type { HttpContext } from '../http/HttpContext.js'
import type { QueryParams } from '../http/query.js'
import { requestJson$ } from '../http/requestJson.js'
import type { RetryMode } from '../http/retryPolicy.js'
import { uuidSegment } from '../http/uuidSegment.js'

/** What differs between the operations on one file. */
export interface FileIdRequest<A> {
  /** The HTTP method. */
  readonly method: 'GET' | 'DELETE'
  /** The path after `/v1/files/{file_id}` (`''`, `'/url'`). */
  readonly suffix: string
  /** The response codec. */
  readonly codec: t.Decoder<unknown, A>
  /** Query parameters. */
  readonly query?: QueryParams
  /** Which failures may be retried. */
  readonly retry: RetryMode
  /** The caller's signal. */
  readonly signal?: AbortSignal | undefined
}

/**
 * An Observable that, when subscribed, checks that `fileId` is a UUID (else an
 * `InvalidRequestError`, nothing sent), then sends the request and emits its decoded body.
 */
export const fileIdRequest$ = <A>(
  ctx: HttpContext,
  fileId: string,
  request: FileIdRequest<A>,
): Observable<A> =>
  defer(() =>
    pipe(
      uuidSegment('fileId', fileId),
      E.match(
        (error) => throwError(() => error),
        (segment) =>
          requestJson$(
            ctx,
            {
              method: request.method,
              path: `/v1/files/${segment}${request.suffix}`,
              retry: request.retry,
              ...(request.query === undefined ? {} : { query: request.query }),
              ...(request.signal === undefined ? {} : { signal: request.signal }),
            },
            request.codec,
          ),
      ),
    ),
  )
