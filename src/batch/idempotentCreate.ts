// A create that, after an ambiguous failure, finds the job it may have made before making another.
import { defer, filter, take, takeWhile, type Observable } from 'rxjs'
import { BatchJob } from '../codecs/BatchJob.js'
import type { CreateBatchJobRequest } from '../codecs/CreateBatchJobRequest.js'
import { abortOnSignal } from '../http/abortOnSignal.js'
import type { HttpContext } from '../http/HttpContext.js'
import { abortedByCaller } from '../http/networkErrorFrom.js'
import { requestOrigin, type RequestSpec } from '../http/request.js'
import { requestJson$ } from '../http/requestJson.js'
import { RECOVERY_CLOCK_SKEW_MS, retrying } from '../http/retry.js'
import { IDEMPOTENCY_METADATA_KEY } from './idempotencyKey.js'
import { list$ } from './list.js'

/**
 * A `takeWhile` predicate that ends a newest-first listing at its first job created before
 * `sinceMs`, but only while the order holds: once a job is newer than the one before it, the
 * server ignored `order_by`, and the listing is read to its end rather than stopped early (an
 * early stop there could miss the job and create a duplicate).
 */
const newestFirstSince = (sinceMs: number): ((job: BatchJob) => boolean) => {
  let previous = Infinity
  let ordered = true
  return (job) => {
    ordered &&= job.created_at <= previous
    previous = job.created_at
    return !ordered || job.created_at * 1000 >= sinceMs
  }
}

/**
 * The newest job created at or after `sinceMs` whose metadata carries `key`, if any. The
 * metadata and date filters narrow the listing, but what the server does with them is unknown,
 * so each job is checked here too. The list comes newest first (`-created`), so the first job
 * created before `sinceMs` ends the search: no job after it can be the attempt's.
 */
const findJobWithKey$ = (ctx: HttpContext, key: string, sinceMs: number): Observable<BatchJob> =>
  list$(ctx, {
    metadata: { [IDEMPOTENCY_METADATA_KEY]: key },
    created_after: new Date(sinceMs),
    order_by: '-created',
  }).pipe(
    takeWhile(newestFirstSince(sinceMs)),
    filter((job) => job.metadata?.[IDEMPOTENCY_METADATA_KEY] === key),
    take(1),
  )

/**
 * `POST /v1/batch/jobs` with `body` (its metadata carrying `key`): after an ambiguous failure the
 * jobs created since the first attempt are listed and the one carrying `key` is emitted, so a
 * retry never makes a second job.
 */
export const idempotentCreate$ = (
  ctx: HttpContext,
  body: CreateBatchJobRequest,
  key: string,
  signal: AbortSignal | undefined,
): Observable<BatchJob> =>
  defer(() => {
    const sinceMs = ctx.config.scheduler.now() - RECOVERY_CLOCK_SKEW_MS
    const spec: RequestSpec = { method: 'POST', path: '/v1/batch/jobs', json: body, retry: 'none' }
    return requestJson$(ctx, spec, BatchJob).pipe(
      retrying(ctx.config, { mode: 'unsafe', recover: () => findJobWithKey$(ctx, key, sinceMs) }),
      abortOnSignal(signal, () => abortedByCaller(requestOrigin(ctx, spec))),
    )
  })
