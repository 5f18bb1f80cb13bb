// The shared shape of the operations on one job: its id checked, then one safely retried request.
import type * as t from 'io-ts'
import type { Observable } from 'rxjs'
import type { HttpContext } from '../http/HttpContext.js'
import { idRequest$ } from '../http/idRequest.js'
import type { QueryParams } from '../http/query.js'
import { SIGNAL_ONLY, type OperationOptions } from '../options/knownKeys.js'

/** Options of an operation on one job. */
export interface JobRequestOptions {
  /** Aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal
}

/** What differs between the operations on one job. */
export interface JobIdRequest<A> {
  /** The HTTP method. */
  readonly method: 'GET' | 'POST' | 'DELETE'
  /** The path after `/v1/batch/jobs/{job_id}` (`''`, `'/cancel'`). */
  readonly suffix: string
  /** The response codec. */
  readonly codec: t.Decoder<unknown, A>
  /** Query parameters. */
  readonly query?: QueryParams
  /** The operation's option names (signal only when absent) and its name for messages. */
  readonly knownOptions?: OperationOptions
}

/**
 * An Observable that, when subscribed, checks that `jobId` is a UUID (else an
 * `InvalidRequestError`, nothing sent), then sends the request, retried as a safe operation,
 * and emits its decoded body.
 */
export const jobIdRequest$ = <A>(
  ctx: HttpContext,
  jobId: string,
  request: JobIdRequest<A>,
  options: JobRequestOptions,
): Observable<A> =>
  idRequest$(ctx, jobId, {
    ...request,
    field: 'jobId',
    collection: '/v1/batch/jobs',
    retry: 'safe',
    signal: options?.signal,
    options,
    knownOptions: request.knownOptions ?? { keys: SIGNAL_ONLY, of: `${request.method} job` },
  })
