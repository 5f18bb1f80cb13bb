// The shared shape of the one-file JSON operations: the file id checked, then one decoded request.
import type * as t from 'io-ts'
import type { Observable } from 'rxjs'
import type { HttpContext } from '../http/HttpContext.js'
import { idRequest$ } from '../http/idRequest.js'
import type { QueryParams } from '../http/query.js'
import type { RetryMode } from '../http/retryPolicy.js'
import type { OperationOptions } from '../options/knownKeys.js'

/** What differs between the operations on one file. */
export interface FileIdRequest<A> {
  /** The HTTP method. */
  readonly method: 'GET' | 'DELETE'
  /** The path after `/v1/files/{file_id}` (`''`, `'/url'`). */
  readonly suffix: string
  /** The response codec. */
  readonly codec: t.Decoder<unknown, A>
  /** Query parameters. */
  readonly query?: QueryParams
  /** Which failures may be retried. */
  readonly retry: RetryMode
  /** The caller's signal. */
  readonly signal?: AbortSignal | undefined
  /** The caller's options object, checked against `knownOptions`. */
  readonly options?: unknown
  /** The operation's option names and its name for messages. */
  readonly knownOptions?: OperationOptions
}

/**
 * An Observable that, when subscribed, checks that `fileId` is a UUID (else an
 * `InvalidRequestError`, nothing sent), then sends the request and emits its decoded body.
 */
export const fileIdRequest$ = <A>(
  ctx: HttpContext,
  fileId: string,
  request: FileIdRequest<A>,
): Observable<A> =>
  idRequest$(ctx, fileId, { ...request, field: 'fileId', collection: '/v1/files' })
