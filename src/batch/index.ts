// The batch resource: every batch job operation, bound to a client's context.
import { defer, mergeMap, type Observable } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import { fromEither$ } from '../fp/either.js'
import { JOBS } from '../http/idRequest.js'
import { uuidSegment } from '../http/uuidSegment.js'
import type { BatchJobList } from '../codecs/BatchJobList.js'
import type { DeletedBatchJob } from '../codecs/DeletedBatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import type { OperationOptions } from '../options/knownKeys.js'
import { create$ } from './create.js'
import type { CreateBatchJobInput, CreateBatchJobOptions } from './createBatchJobInput.js'
import { cancel$, delete$, get$, type GetBatchJobOptions } from './jobRequests.js'
import type { ListBatchJobsFilters } from './listFilters.js'
import { list$, listPages$ } from './list.js'
import type { ResultLineEither } from './resultLine.js'
import { results$ } from './results.js'
import type { ResultsOptions } from './resultsOptions.js'
import type { WatchJobOptions } from './watchJobOptions.js'
import { createJobWatcher, singlePoll } from './watchJobShared.js'

/** The batch job operations of a client. Each returns a cold Observable. */
export interface BatchApi {
  /**
   * An Observable that, when subscribed, sends `POST /v1/batch/jobs` and emits the created job;
   * validated before sending, never duplicated by a retry (see `create$`).
   */
  readonly create$: (
    request: CreateBatchJobInput,
    options?: CreateBatchJobOptions,
  ) => Observable<BatchJob>
  /** An Observable that, when subscribed, sends `GET /v1/batch/jobs/{job_id}` (see `get$`). */
  readonly get$: (jobId: string, options?: GetBatchJobOptions) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `GET /v1/batch/jobs` page by page, lazily, and
   * emits every matching job (see `list$`).
   */
  readonly list$: (
    filters?: ListBatchJobsFilters,
    options?: OperationOptions,
  ) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `GET /v1/batch/jobs` page by page, lazily, and
   * emits each page (see `listPages$`).
   */
  readonly listPages$: (
    filters?: ListBatchJobsFilters,
    options?: OperationOptions,
  ) => Observable<BatchJobList>
  /**
   * An Observable that, when subscribed, sends `POST /v1/batch/jobs/{job_id}/cancel` and emits
   * the job (see `cancel$`).
   */
  readonly cancel$: (jobId: string, options?: OperationOptions) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `DELETE /v1/batch/jobs/{job_id}` and emits the
   * deletion (see `delete$`).
   */
  readonly delete$: (jobId: string, options?: OperationOptions) => Observable<DeletedBatchJob>
  /**
   * An Observable that, when subscribed, sends `GET /v1/batch/jobs/{job_id}` now and then again
   * on an adaptive schedule, emitting snapshots until a terminal status, inclusive (see
   * `watchJob$`). Watchers of one job with equal options on this client share one polling loop.
   * A `jobId` that is not a UUID is an `InvalidRequestError`, nothing sent.
   */
  readonly watchJob$: (jobId: string, options?: WatchJobOptions) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, streams the results of a finished job (given or
   * fetched by id), one `Either<ResultLineError, ResultLine<B>>` per line of its output file,
   * then its error file, or per item of an inline job's outputs; broken downloads are resumed
   * (see `results$`). With `wait: true` it first watches the job to its end on this client's
   * shared watcher.
   */
  readonly results$: <B = unknown>(
    jobOrId: BatchJob | string,
    options?: ResultsOptions<B>,
  ) => Observable<ResultLineEither<B>>
}

/** The batch operations bound to `ctx`, with one job watcher shared by every `watchJob$`. */
export const createBatchApi = (ctx: HttpContext): BatchApi => {
  const watcher = createJobWatcher(singlePoll(ctx), ctx.config.scheduler)
  // the id is checked once, here: the watcher's polls build their path from it as it is
  const watchJob$ = (jobId: string, options?: WatchJobOptions): Observable<BatchJob> =>
    defer(() => fromEither$(uuidSegment(JOBS.field, jobId))).pipe(
      mergeMap(() => watcher.watch$(jobId, options)),
    )
  return {
    create$: (request, options) => create$(ctx, request, options),
    get$: (jobId, options) => get$(ctx, jobId, options),
    list$: (filters, options) => list$(ctx, filters, options),
    listPages$: (filters, options) => listPages$(ctx, filters, options),
    cancel$: (jobId, options) => cancel$(ctx, jobId, options),
    delete$: (jobId, options) => delete$(ctx, jobId, options),
    watchJob$,
    results$: (jobOrId, options) => results$(ctx, jobOrId, options, watchJob$),
  }
}
