// delete$: removes one file.
import type { Observable } from 'rxjs'
import { DeletedFile } from '../codecs/DeletedFile.js'
import type { HttpContext } from '../http/HttpContext.js'
import { SIGNAL_ONLY } from '../options/knownKeys.js'
import { fileIdRequest$ } from './fileIdRequest.js'

/** Options of {@link delete$}. */
export interface DeleteFileOptions {
  /** Aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal
}

/**
 * An Observable that, when subscribed, sends `DELETE /v1/files/{file_id}` and emits the answer
 * decoded as a `DeletedFile`, then completes. A `fileId` that is not a UUID is an
 * `InvalidRequestError`, signalled without sending anything. Retried as a safe operation
 * (deleting twice deletes once; a retry after a lost answer may then see a 404).
 */
export const delete$ = (
  ctx: HttpContext,
  fileId: string,
  options: DeleteFileOptions = {},
): Observable<DeletedFile> =>
  fileIdRequest$(ctx, fileId, {
    method: 'DELETE',
    suffix: '',
    codec: DeletedFile,
    retry: 'safe',
    signal: options?.signal,
    options,
    knownOptions: { keys: SIGNAL_ONLY, of: 'files.delete$' },
  })
