// The operations on one batch job: get$, cancel$ and delete$, each one descriptor.
import * as E from 'fp-ts/Either'
import { BatchJob } from '../codecs/BatchJob.js'
import { DeletedBatchJob } from '../codecs/DeletedBatchJob.js'
import { idOperation, JOBS } from '../http/idRequest.js'
import { SIGNAL_ONLY, type OperationOptions } from '../options/knownKeys.js'

/** Options of {@link get$}. */
export interface GetBatchJobOptions extends OperationOptions {
  /** Ask for the results of an inline job in `outputs` (`inline=true`). */
  readonly inline?: boolean
}

/**
 * An Observable that, when subscribed, sends `GET /v1/batch/jobs/{job_id}` and emits the job
 * decoded as a `BatchJob`, then completes. A `jobId` that is not a UUID is an
 * `InvalidRequestError`, signalled without sending anything. Retried as a safe operation.
 */
export const get$ = idOperation<GetBatchJobOptions, BatchJob>({
  name: 'get$',
  collection: JOBS,
  method: 'GET',
  codec: BatchJob,
  keys: { inline: true, signal: true },
  query: (options) => E.right({ inline: options.inline }),
})

/**
 * An Observable that, when subscribed, sends `POST /v1/batch/jobs/{job_id}/cancel` and emits
 * the job as it is then (`CANCELLATION_REQUESTED`, or `CANCELLED`, or already finished), then
 * completes. A `jobId` that is not a UUID is an `InvalidRequestError`, signalled without
 * sending anything. Retried as a safe operation: cancelling twice is cancelling once.
 */
export const cancel$ = idOperation<OperationOptions, BatchJob>({
  name: 'cancel$',
  collection: JOBS,
  method: 'POST',
  suffix: '/cancel',
  codec: BatchJob,
  keys: SIGNAL_ONLY,
})

/**
 * An Observable that, when subscribed, sends `DELETE /v1/batch/jobs/{job_id}` and emits the
 * answer as a `DeletedBatchJob` (`{ id, object: 'batch', deleted: true }`), then completes. A
 * `jobId` that is not a UUID is an `InvalidRequestError`, signalled without sending anything.
 * Retried as a safe operation, so a retry after a lost answer may end in a 404.
 */
export const delete$ = idOperation<OperationOptions, DeletedBatchJob>({
  name: 'delete$',
  collection: JOBS,
  method: 'DELETE',
  codec: DeletedBatchJob,
  keys: SIGNAL_ONLY,
})
