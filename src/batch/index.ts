// The batch resource: every batch job operation, bound to a client's context.
import type { Observable } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { get$, type GetBatchJobOptions } from './get.js'

export type { GetBatchJobOptions } from './get.js'

/** The batch job operations of a client. Each returns a cold Observable. */
export interface BatchApi {
  /** An Observable that, when subscribed, fetches the job `jobId` (see `get$`). */
  readonly get$: (jobId: string, options?: GetBatchJobOptions) => Observable<BatchJob>
}

/** The batch operations bound to `ctx`. */
export const createBatchApi = (ctx: HttpContext): BatchApi => ({
  get$: (jobId, options) => get$(ctx, jobId, options),
})
