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

/** `BatchApi.get$` on a client's context (documented there). */
export const get$ = idOperation<GetBatchJobOptions, BatchJob>({
  name: 'get$',
  collection: JOBS,
  method: 'GET',
  codec: BatchJob,
  keys: { inline: true, signal: true },
  query: (options) => E.right({ inline: options.inline }),
})

/** `BatchApi.cancel$` on a client's context (documented there). */
export const cancel$ = idOperation<OperationOptions, BatchJob>({
  name: 'cancel$',
  collection: JOBS,
  method: 'POST',
  suffix: '/cancel',
  codec: BatchJob,
  keys: SIGNAL_ONLY,
})

/** `BatchApi.delete$` on a client's context (documented there). */
export const delete$ = idOperation<OperationOptions, DeletedBatchJob>({
  name: 'delete$',
  collection: JOBS,
  method: 'DELETE',
  codec: DeletedBatchJob,
  keys: SIGNAL_ONLY,
})
