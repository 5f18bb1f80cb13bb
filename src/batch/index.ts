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
import type { ListBatchJobsFilters, ListBatchJobsOptions } from './listFilters.js'
import { list$, listPages$ } from './list.js'
import type { ResultLineEither } from './resultLine.js'
import { results$ } from './results.js'
import type { ResultsOptions } from './resultsOptions.js'
import type { WatchJobOptions } from './watchJobOptions.js'
import { createJobWatcher, singlePoll } from './watchJobShared.js'

/** The batch job operations of a client. Each returns a cold Observable. */
export interface BatchApi {
  /**
   * An Observable that, when subscribed, sends `POST /v1/batch/jobs` with `request`
   * (`timeout_hours` defaulting to 24) and emits the created job as a `BatchJob`, then completes.
   *
   * A request breaking a bound of the API is an `InvalidRequestError` naming the field, signalled
   * without sending anything. Only failures proving the server did not act are retried (429, 503
   * with Retry-After, a refused connection). With `options.idempotencyKey`, ambiguous failures
   * (timeout, reset after sending, 500, 502, 504) are recovered too: the key travels in the job's
   * metadata, and the job carrying it is looked up and returned before any second create.
   */
  readonly create$: (
    request: CreateBatchJobInput,
    options?: CreateBatchJobOptions,
  ) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `GET /v1/batch/jobs/{job_id}` and emits the job
   * decoded as a `BatchJob`, then completes. A `jobId` that is not a UUID is an
   * `InvalidRequestError`, signalled without sending anything. Retried as a safe operation.
   */
  readonly get$: (jobId: string, options?: GetBatchJobOptions) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `GET /v1/batch/jobs?page=0` with the filters and
   * emits each job of the page as a `BatchJob`, then fetches the next page only once the last job
   * was taken and the subscriber still wants more: `list$().pipe(take(5))` makes one request.
   * It completes after a short page, once `total` jobs have been seen, or after an empty page. A
   * job shifted onto the next page by a new one is emitted once. A server that never ends its
   * pages ends the listing with a `PaginationError`, as in `listPages$`. Invalid filters are an
   * `InvalidRequestError`, signalled without sending anything; so is a `status` this client does
   * not know (`RUNNNING`), unless `options.allowUnknownStatus`. Each page is retried as a safe
   * operation.
   */
  readonly list$: (
    filters?: ListBatchJobsFilters,
    options?: ListBatchJobsOptions,
  ) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `GET /v1/batch/jobs?page=0` with the filters and
   * emits the page as a `BatchJobList`, then requests each next page only while the subscriber
   * is still subscribed (`take(1)` costs one request). It completes after a short page, once
   * `total` jobs have been seen, or after an empty page. A server that never ends its pages ends
   * the listing with a `PaginationError`: a page with no job not seen before, a page its own
   * `total` leaves no room for, or `maxPages` pages fetched while more remain. Invalid filters
   * (an unknown `status` included, as in `list$`) are an `InvalidRequestError`, signalled
   * without sending anything. Each page is retried as a safe operation.
   */
  readonly listPages$: (
    filters?: ListBatchJobsFilters,
    options?: ListBatchJobsOptions,
  ) => Observable<BatchJobList>
  /**
   * An Observable that, when subscribed, sends `POST /v1/batch/jobs/{job_id}/cancel` and emits
   * the job as it is then (`CANCELLATION_REQUESTED`, or `CANCELLED`, or already finished), then
   * completes. A `jobId` that is not a UUID is an `InvalidRequestError`, signalled without
   * sending anything. Retried as a safe operation: cancelling twice is cancelling once.
   */
  readonly cancel$: (jobId: string, options?: OperationOptions) => Observable<BatchJob>
  /**
   * An Observable that, when subscribed, sends `DELETE /v1/batch/jobs/{job_id}` and emits the
   * answer as a `DeletedBatchJob` (`{ id, object: 'batch', deleted: true }`), then completes. A
   * `jobId` that is not a UUID is an `InvalidRequestError`, signalled without sending anything.
   * Retried as a safe operation, so a retry after a lost answer may end in a 404.
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
   * An Observable that, when subscribed, streams the results of a finished batch job, one
   * `Either` per line: the lines of its output file, then of its error file (see `include`), or
   * the `outputs` of an inline job. Given an id, the job is fetched first.
   *
   * Each line is decoded with `BatchResult` (its `response.body` with `options.body`, its JSON
   * answer with `options.content`) into a `ResultLine` tagged with its source, file id and line
   * number. A line that is not JSON, does not
   * fit, or is a cut-off last line is a `Left` of `ResultLineError`, and the stream goes on. A
   * download that breaks off is resumed (`maxResumes`), skipping the lines already emitted, so each
   * line comes exactly once; only a failure that cannot be recovered ends the stream, with its
   * `MistralBatchError`. Files are read chunk by chunk, never held whole.
   *
   * A job that has not finished is an `InvalidRequestError`, unless `wait` is true: then it is
   * watched to its end first (`watch` options), through `watch`: the client's shared watcher.
   */
  readonly results$: <B = unknown, C = never>(
    jobOrId: BatchJob | string,
    options?: ResultsOptions<B, C>,
  ) => Observable<ResultLineEither<B, C>>
}

/** The batch operations bound to `ctx`, with one job watcher shared by every `watchJob$`. */
export const createBatchApi = (ctx: HttpContext): BatchApi => {
  // many jobs watched at once are polled together through the list (see jobPollHub)
  const watcher = createJobWatcher(singlePoll(ctx), ctx.config.scheduler, (filters) =>
    listPages$(ctx, filters),
  )
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
