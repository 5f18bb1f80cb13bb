// get$: one batch job by id.
import type { Observable } from 'rxjs'
import { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import type { KnownKeys } from '../options/knownKeys.js'
import { jobIdRequest$ } from './jobIdRequest.js'

/** Options of {@link get$}. */
export interface GetBatchJobOptions {
  /** Ask for the results of an inline job in `outputs` (`inline=true`). */
  readonly inline?: boolean
  /** Aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal
}

const GET_KEYS: KnownKeys<GetBatchJobOptions> = { inline: true, signal: true }

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
  jobIdRequest$(
    ctx,
    jobId,
    {
      method: 'GET',
      suffix: '',
      codec: BatchJob,
      query: { inline: options?.inline },
      knownOptions: { keys: GET_KEYS, of: 'get$' },
    },
    options,
  )
