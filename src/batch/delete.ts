// delete$: removes a batch job.
import type { Observable } from 'rxjs'
import { DeletedBatchJob } from '../codecs/DeletedBatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { SIGNAL_ONLY } from '../options/knownKeys.js'
import { jobIdRequest$, type JobRequestOptions } from './jobIdRequest.js'

/**
 * An Observable that, when subscribed, sends `DELETE /v1/batch/jobs/{job_id}` and emits the
 * answer as a `DeletedBatchJob` (`{ id, object: 'batch', deleted: true }`), then completes. A
 * `jobId` that is not a UUID is an `InvalidRequestError`, signalled without sending anything.
 * Retried as a safe operation, so a retry after a lost answer may end in a 404.
 */
export const delete$ = (
  ctx: HttpContext,
  jobId: string,
  options: JobRequestOptions = {},
): Observable<DeletedBatchJob> =>
  jobIdRequest$(
    ctx,
    jobId,
    {
      method: 'DELETE',
      suffix: '',
      codec: DeletedBatchJob,
      knownOptions: { keys: SIGNAL_ONLY, of: 'delete$' },
    },
    options,
  )
