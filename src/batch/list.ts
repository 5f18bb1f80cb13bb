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
import { unknownKeyError } from '../options/knownKeys.js'
import {
  LIST_OPTIONS_KEYS,
  listQuery,
  type ListBatchJobsFilters,
  type ListBatchJobsOptions,
} from './listFilters.js'

type JobListing = Listing<BatchJobList, BatchJob>

/** The listing `filters` ask for, or the `InvalidRequestError` of the first bad filter. */
const jobListing = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters,
  options: ListBatchJobsOptions,
): E.Either<InvalidRequestError, JobListing> => {
  const unknown = unknownKeyError(options, LIST_OPTIONS_KEYS, 'the list options')
  if (unknown !== undefined) return E.left(unknown)
  return pipe(
    listQuery(filters, options.allowUnknownStatus === true),
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
  options: ListBatchJobsOptions,
  run: (listing: JobListing) => Observable<A>,
): Observable<A> => defer(() => fromEither$(jobListing(ctx, filters, options))).pipe(mergeMap(run))

/** `BatchApi.list$` on a client's context (documented there). */
export const list$ = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters = {},
  options: ListBatchJobsOptions = {},
): Observable<BatchJob> => listing$(ctx, filters, options, paginate$)

/** `BatchApi.listPages$` on a client's context (documented there). */
export const listPages$ = (
  ctx: HttpContext,
  filters: ListBatchJobsFilters = {},
  options: ListBatchJobsOptions = {},
): Observable<BatchJobList> => listing$(ctx, filters, options, paginatePages$)
