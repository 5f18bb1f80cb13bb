// listPages$: the batch job list, one page a value, fetched lazily; and the listing list$ shares.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, throwError, type Observable } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import { BatchJobList } from '../codecs/BatchJobList.js'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { HttpContext } from '../http/HttpContext.js'
import { SIGNAL_ONLY, unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { paginatePages$, type Listing } from '../http/paginate.js'
import { requestOrigin, type RequestSpec } from '../http/request.js'
import { requestJson$ } from '../http/requestJson.js'
import { listQuery, type ListBatchJobsFilters, type ListQuery } from './listFilters.js'

/** Options of `list$` and `listPages$` besides the filters. */
export interface ListBatchJobsOptions {
  /** Aborting it ends the listing with a `NetworkError`. */
  readonly signal?: AbortSignal
}

// The listing of a validated query; `page` left out gives the listing's own URL, for its errors.
const jobListing = (
  ctx: HttpContext,
  { query, pageSize }: ListQuery,
  options: ListBatchJobsOptions,
): Listing<BatchJobList, BatchJob> => {
  const spec = (page?: number): RequestSpec => ({
    method: 'GET',
    path: '/v1/batch/jobs',
    query: { page, ...query },
    retry: 'safe',
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })
  return {
    fetchPage: (page) => requestJson$(ctx, spec(page), BatchJobList),
    items: (list) => list.data,
    idOf: (job) => job.id,
    totalOf: (list) => list.total,
    pageSize,
    maxPages: ctx.config.maxPages,
    origin: requestOrigin(ctx, spec()),
  }
}

/** The listing `filters` ask for, or the `InvalidRequestError` of the first bad filter. */
export const batchJobListing = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters,
  options: ListBatchJobsOptions,
): E.Either<InvalidRequestError, Listing<BatchJobList, BatchJob>> => {
  const unknown = unknownKeyError(options, LIST_OPTIONS_KEYS, 'the list options')
  if (unknown !== undefined) return E.left(unknown)
  return pipe(
    listQuery(filters),
    E.map((query) => jobListing(ctx, query, options)),
  )
}

const LIST_OPTIONS_KEYS: KnownKeys<ListBatchJobsOptions> = SIGNAL_ONLY

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
  options: ListBatchJobsOptions = {},
): Observable<BatchJobList> =>
  defer(() =>
    pipe(
      batchJobListing(ctx, filters, options),
      E.match((error) => throwError(() => error), paginatePages$),
    ),
  )
