// The batch resource: every batch job operation, bound to a client's context.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, throwError, type Observable } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { BatchJobList } from '../codecs/BatchJobList.js'
import type { DeletedBatchJob } from '../codecs/DeletedBatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { uuidSegment } from '../http/uuidSegment.js'
import { cancel$ } from './cancel.js'
import { create$ } from './create.js'
import type { CreateBatchJobInput, CreateBatchJobOptions } from './createBatchJobInput.js'
import { delete$ } from './delete.js'
import { get$, type GetBatchJobOptions } from './get.js'
import type { JobRequestOptions } from './jobIdRequest.js'
import { list$ } from './list.js'
import type { ListBatchJobsFilters } from './listFilters.js'
import { listPages$, type ListBatchJobsOptions } from './listPages.js'
import type { ResultLineEither } from './resultLine.js'
import { results$ } from './results.js'
import type { ResultsOptions } from './resultsOptions.js'
import type { WatchJobOptions } from './watchJob.js'
import { createJobWatcher } from './watchJobShared.js'

export type {
  BatchRequestInput,
  CreateBatchJobInput,
  CreateBatchJobOptions,
} from './createBatchJobInput.js'
export type { GetBatchJobOptions } from './get.js'
export { IDEMPOTENCY_METADATA_KEY } from './idempotencyKey.js'
export type { JobRequestOptions } from './jobIdRequest.js'
export { PAGE_SIZE, type ListBatchJobsFilters } from './listFilters.js'
export type { ListBatchJobsOptions } from './listPages.js'
export {
  ResultLineError,
  RESULT_LINE_EXCERPT_LENGTH,
  type FailedResultLine,
  type ResultLine,
  type ResultLineEither,
  type ResultLineErrorReason,
  type ResultLineInfo,
  type ResultsInclude,
  type ResultsOptions,
  type ResultSource,
  type SucceededResultLine,
} from './results.js'
export { MAX_INLINE_REQUESTS, TIMEOUT_HOURS } from './validateCreateRequest.js'
export type { WatchJobOptions } from './watchJob.js'

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
    options?: ListBatchJobsOptions,
  ) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `GET /v1/batch/jobs` page by page, lazily, and
   * emits each page (see `listPages$`).
   */
  readonly listPages$: (
    filters?: ListBatchJobsFilters,
    options?: ListBatchJobsOptions,
  ) => Observable<BatchJobList>
  /**
   * An Observable that, when subscribed, sends `POST /v1/batch/jobs/{job_id}/cancel` and emits
   * the job (see `cancel$`).
   */
  readonly cancel$: (jobId: string, options?: JobRequestOptions) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `DELETE /v1/batch/jobs/{job_id}` and emits the
   * deletion (see `delete$`).
   */
  readonly delete$: (jobId: string, options?: JobRequestOptions) => Observable<DeletedBatchJob>
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
  const watcher = createJobWatcher((jobId) => get$(ctx, jobId), ctx.config.scheduler)
  const watchJob$ = (jobId: string, options?: WatchJobOptions): Observable<BatchJob> =>
    defer(() =>
      pipe(
        uuidSegment('jobId', jobId),
        E.match(
          (error) => throwError(() => error),
          () => watcher.watch$(jobId, options),
        ),
      ),
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
