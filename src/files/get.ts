// get$: one file's metadata by id.
import type { Observable } from 'rxjs'
import { FileDetail } from '../codecs/FileDetail.js'
import type { HttpContext } from '../http/HttpContext.js'
import { SIGNAL_ONLY } from '../options/knownKeys.js'
import { fileIdRequest$ } from './fileIdRequest.js'

/** Options of {@link get$}. */
export interface GetFileOptions {
  /** Aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal
}

/**
 * An Observable that, when subscribed, sends `GET /v1/files/{file_id}` and emits the file decoded
 * as a `FileDetail`, then completes. A `fileId` that is not a UUID is an `InvalidRequestError`,
 * signalled without sending anything. Retried as a safe operation.
 */
export const get$ = (
  ctx: HttpContext,
  fileId: string,
  options: GetFileOptions = {},
): Observable<FileDetail> =>
  fileIdRequest$(ctx, fileId, {
    method: 'GET',
    suffix: '',
    codec: FileDetail,
    retry: 'safe',
    signal: options?.signal,
    options,
    knownOptions: { keys: SIGNAL_ONLY, of: 'files.get$' },
  })
