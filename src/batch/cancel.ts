// cancel$: asks the server to stop a batch job.
import type { Observable } from 'rxjs'
import { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { SIGNAL_ONLY } from '../options/knownKeys.js'
import { jobIdRequest$, type JobRequestOptions } from './jobIdRequest.js'

/**
 * An Observable that, when subscribed, sends `POST /v1/batch/jobs/{job_id}/cancel` and emits
 * the job as it is then (`CANCELLATION_REQUESTED`, or `CANCELLED`, or already finished), then
 * completes. A `jobId` that is not a UUID is an `InvalidRequestError`, signalled without
 * sending anything. Retried as a safe operation: cancelling twice is cancelling once.
 */
export const cancel$ = (
  ctx: HttpContext,
  jobId: string,
  options: JobRequestOptions = {},
): Observable<BatchJob> =>
  jobIdRequest$(
    ctx,
    jobId,
    {
      method: 'POST',
      suffix: '/cancel',
      codec: BatchJob,
      knownOptions: { keys: SIGNAL_ONLY, of: 'cancel$' },
    },
    options,
  )
