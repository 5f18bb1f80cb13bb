// create$: a new batch job, validated before sending and never created twice by a retry.
import { defer, mergeMap, type Observable } from 'rxjs'
import { fromEither$ } from '../fp/either.js'
import { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { requestJson$ } from '../http/requestJson.js'
import type { CreateBatchJobInput, CreateBatchJobOptions } from './createBatchJobInput.js'
import { idempotentCreate$ } from './idempotentCreate.js'
import { validateCreateRequest } from './validateCreateRequest.js'

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
export const create$ = (
  ctx: HttpContext,
  request: CreateBatchJobInput,
  options: CreateBatchJobOptions = {},
): Observable<BatchJob> =>
  defer(() => fromEither$(validateCreateRequest(request, options))).pipe(
    mergeMap((body) =>
      options.idempotencyKey === undefined
        ? requestJson$(
            ctx,
            {
              method: 'POST',
              path: '/v1/batch/jobs',
              json: body,
              retry: 'unsafe',
              ...(options.signal === undefined ? {} : { signal: options.signal }),
            },
            BatchJob,
          )
        : idempotentCreate$(ctx, body, options.idempotencyKey, options.signal),
    ),
  )
