// create$: a new batch job, validated before sending and never created twice by a retry.
import { defer, mergeMap, type Observable } from 'rxjs'
import { fromEither$ } from '../fp/either.js'
import { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { requestJson$ } from '../http/requestJson.js'
import type { CreateBatchJobInput, CreateBatchJobOptions } from './createBatchJobInput.js'
import { idempotentCreate$ } from './idempotentCreate.js'
import { validateCreateRequest } from './validateCreateRequest.js'

/** `BatchApi.create$` on a client's context (documented there). */
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
