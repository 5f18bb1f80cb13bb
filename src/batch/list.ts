// list$: every batch job matching the filters, across pages fetched only as they are wanted.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, throwError, type Observable } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { paginate$ } from '../http/paginate.js'
import type { ListBatchJobsFilters } from './listFilters.js'
import { batchJobListing, type ListBatchJobsOptions } from './listPages.js'

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
  options: ListBatchJobsOptions = {},
): Observable<BatchJob> =>
  defer(() =>
    pipe(
      batchJobListing(ctx, filters, options),
      E.match((error) => throwError(() => error), paginate$),
    ),
  )
