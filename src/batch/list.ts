// list$: every batch job matching the filters, across pages fetched only as they are wanted.
import { concatMap, distinct, type Observable } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import type { ListBatchJobsFilters } from './listFilters.js'
import { listPages$, type ListBatchJobsOptions } from './listPages.js'

/**
 * An Observable that, when subscribed, sends `GET /v1/batch/jobs?page=0` with the filters and
 * emits each job of the page as a `BatchJob`, then fetches the next page only once the last job
 * was taken and the subscriber still wants more: `list$().pipe(take(5))` makes one request.
 * It completes after a short page, once `total` jobs have been seen, or after an empty page. A
 * job shifted onto the next page by a new one is emitted once. Invalid filters are an
 * `InvalidRequestError`, signalled without sending anything. Each page is retried as a safe
 * operation.
 */
export const list$ = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters = {},
  options: ListBatchJobsOptions = {},
): Observable<BatchJob> =>
  listPages$(ctx, filters, options).pipe(
    concatMap((page) => page.data),
    distinct((job) => job.id),
  )
