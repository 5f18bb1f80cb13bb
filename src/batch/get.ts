// get$: one batch job by id.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, throwError, type Observable } from 'rxjs'
import { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { requestJson$ } from '../http/requestJson.js'
import { uuidSegment } from '../http/uuidSegment.js'

/** Options of {@link get$}. */
export interface GetBatchJobOptions {
  /** Ask for the results of an inline job in `outputs` (`inline=true`). */
  readonly inline?: boolean
  /** Aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal
}

/**
 * An Observable that, when subscribed, sends `GET /v1/batch/jobs/{job_id}` and emits the job
 * decoded as a `BatchJob`, then completes. A `jobId` that is not a UUID is an
 * `InvalidRequestError`, signalled without sending anything. Retried as a safe operation.
 */
export const get$ = (
  ctx: HttpContext,
  jobId: string,
  options: GetBatchJobOptions = {},
): Observable<BatchJob> =>
  defer(() =>
    pipe(
      uuidSegment('jobId', jobId),
      E.match(
        (error) => throwError(() => error),
        (segment) =>
          requestJson$(
            ctx,
            {
              method: 'GET',
              path: `/v1/batch/jobs/${segment}`,
              query: { inline: options.inline },
              retry: 'safe',
              ...(options.signal === undefined ? {} : { signal: options.signal }),
            },
            BatchJob,
          ),
      ),
    ),
  )
