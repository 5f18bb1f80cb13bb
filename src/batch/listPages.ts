// listPages$: the batch job list, one page a value, fetched lazily.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, throwError, type Observable } from 'rxjs'
import { BatchJobList } from '../codecs/BatchJobList.js'
import type { HttpContext } from '../http/HttpContext.js'
import { paginatePages$ } from '../http/paginate.js'
import { requestJson$ } from '../http/requestJson.js'
import { listQuery, type ListBatchJobsFilters, type ListQuery } from './listFilters.js'

/** Options of `list$` and `listPages$` besides the filters. */
export interface ListBatchJobsOptions {
  /** Aborting it ends the listing with a `NetworkError`. */
  readonly signal?: AbortSignal
}

// The pages of a validated list query, fetched lazily.
const jobPages$ = (
  ctx: HttpContext,
  { query, pageSize }: ListQuery,
  options: ListBatchJobsOptions,
): Observable<BatchJobList> =>
  paginatePages$(
    (page) =>
      requestJson$(
        ctx,
        {
          method: 'GET',
          path: '/v1/batch/jobs',
          query: { page, ...query },
          retry: 'safe',
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
        BatchJobList,
      ),
    (list) => list.data,
    (list, _pageIndex, seen) => list.data.length < pageSize || seen >= list.total,
  )

/**
 * An Observable that, when subscribed, sends `GET /v1/batch/jobs?page=0` with the filters and
 * emits the page as a `BatchJobList`, then requests each next page only while the subscriber
 * is still subscribed (`take(1)` costs one request). It completes after a short page, once
 * `total` jobs have been seen, or after an empty page. Invalid filters are an
 * `InvalidRequestError`, signalled without sending anything. Each page is retried as a safe
 * operation.
 */
export const listPages$ = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters = {},
  options: ListBatchJobsOptions = {},
): Observable<BatchJobList> =>
  defer(() =>
    pipe(
      listQuery(filters),
      E.match(
        (error) => throwError(() => error),
        (query) => jobPages$(ctx, query, options),
      ),
    ),
  )
