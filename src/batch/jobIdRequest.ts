// The shared shape of cancel$ and delete$: validate the job id, then one decoded, safely retried request.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type * as t from 'io-ts'
import { defer, throwError, type Observable } from 'rxjs'
import type { HttpContext } from '../http/HttpContext.js'
import { requestJson$ } from '../http/requestJson.js'
import { uuidSegment } from '../http/uuidSegment.js'

/** Options of an operation on one job. */
export interface JobRequestOptions {
  /** Aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal
}

/** What differs between the operations on one job. */
export interface JobIdRequest<A> {
  /** The HTTP method. */
  readonly method: 'POST' | 'DELETE'
  /** The path after `/v1/batch/jobs/{job_id}` (`''`, `'/cancel'`). */
  readonly suffix: string
  /** The response codec. */
  readonly codec: t.Decoder<unknown, A>
}

/**
 * An Observable that, when subscribed, checks that `jobId` is a UUID (else an
 * `InvalidRequestError`, nothing sent), then sends the request, retried as a safe operation,
 * and emits its decoded body.
 */
export const jobIdRequest$ = <A>(
  ctx: HttpContext,
  jobId: string,
  request: JobIdRequest<A>,
  options: JobRequestOptions,
): Observable<A> =>
  defer(() =>
    pipe(
      uuidSegment('jobId', jobId),
      E.match(
        (error) => throwError(() => error),
        (segment) =>
          requestJson$(
            ctx,
            {
              method: request.method,
              path: `/v1/batch/jobs/${segment}${request.suffix}`,
              retry: 'safe',
              ...(options.signal === undefined ? {} : { signal: options.signal }),
            },
            request.codec,
          ),
      ),
    ),
  )
