// list$ and listPages$: the batch jobs matching the filters, across pages fetched only as wanted.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, mergeMap, type Observable } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import { BatchJobList } from '../codecs/BatchJobList.js'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { fromEither$ } from '../fp/either.js'
import { apiListing } from '../http/apiListing.js'
import type { HttpContext } from '../http/HttpContext.js'
import { paginate$, paginatePages$, type Listing } from '../http/paginate.js'
import { SIGNAL_ONLY, unknownKeyError, type OperationOptions } from '../options/knownKeys.js'
import { listQuery, type ListBatchJobsFilters } from './listFilters.js'

type JobListing = Listing<BatchJobList, BatchJob>

/** The listing `filters` ask for, or the `InvalidRequestError` of the first bad filter. */
const jobListing = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters,
  options: OperationOptions,
): E.Either<InvalidRequestError, JobListing> => {
  const unknown = unknownKeyError(options, SIGNAL_ONLY, 'the list options')
  if (unknown !== undefined) return E.left(unknown)
  return pipe(
    listQuery(filters),
    E.map(({ query, pageSize }) =>
      apiListing<BatchJobList, BatchJob>(ctx, {
        path: '/v1/batch/jobs',
        codec: BatchJobList,
        query,
        pageSize,
        signal: options.signal,
      }),
    ),
  )
}

const listing$ = <A>(
  ctx: HttpContext,
  filters: ListBatchJobsFilters,
  options: OperationOptions,
  run: (listing: JobListing) => Observable<A>,
): Observable<A> => defer(() => fromEither$(jobListing(ctx, filters, options))).pipe(mergeMap(run))

/**
 * An Observable that, when subscribed, sends `GET /v1/batch/jobs?page=0` with the filters and
 * emits each job of the page as a `BatchJob`, then fetches the next page only once the last job
 * was taken and the subscriber still wants more: `list$().pipe(take(5))` makes one request.
 * It completes after a short page, once `total` jobs have been seen, or after an empty page. A
 * job shifted onto the next page by a new one is emitted once. A server that never ends its
 * pages ends the listing with a `PaginationError`, as in `listPages$`. Invalid filters are an
 * `InvalidRequestError`, signalled without sending anything. Each page is retried as a safe
 * operation.
 */
export const list$ = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters = {},
  options: OperationOptions = {},
): Observable<BatchJob> => listing$(ctx, filters, options, paginate$)

/**
 * An Observable that, when subscribed, sends `GET /v1/batch/jobs?page=0` with the filters and
 * emits the page as a `BatchJobList`, then requests each next page only while the subscriber
 * is still subscribed (`take(1)` costs one request). It completes after a short page, once
 * `total` jobs have been seen, or after an empty page. A server that never ends its pages ends
 * the listing with a `PaginationError`: a page with no job not seen before, a page its own
 * `total` leaves no room for, or `maxPages` pages fetched while more remain. Invalid filters
 * are an `InvalidRequestError`, signalled without sending anything. Each page is retried as a
 * safe operation.
 */
export const listPages$ = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters = {},
  options: OperationOptions = {},
): Observable<BatchJobList> => listing$(ctx, filters, options, paginatePages$)
