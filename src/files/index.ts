// The files resource: every Files API operation, bound to a client's context.
import type { Observable } from 'rxjs'
import type { DeletedFile } from '../codecs/DeletedFile.js'
import type { FileDetail } from '../codecs/FileDetail.js'
import type { FileList } from '../codecs/FileList.js'
import type { FileObject } from '../codecs/FileObject.js'
import type { SignedUrl } from '../codecs/SignedUrl.js'
import type { HttpContext } from '../http/HttpContext.js'
import type { OperationOptions } from '../options/knownKeys.js'
import {
  delete$,
  download$,
  get$,
  signedUrl$,
  type DownloadOptions,
  type SignedUrlOptions,
} from './fileRequests.js'
import { list$, listPages$, type ListFilesFilters } from './list.js'
import { upload$ } from './upload.js'
import type { UploadInput } from './uploadInput.js'
import type { UploadOptions } from './uploadOptions.js'

/** The Files API operations of a client. Each returns a cold Observable. */
export interface FilesApi {
  /**
   * An Observable that, when subscribed, sends `POST /v1/files` with `input` as the multipart
   * `file` part (and `purpose`, default `batch`) and emits the stored file decoded as a
   * `FileObject`, then completes.
   *
   * Text, bytes and Blobs are sent as one Blob of known length. Requests (an iterable, async
   * iterable or Observable of `{ custom_id?, body }`) are encoded to JSONL and streamed as fetch
   * pulls them, so memory stays flat however big the file; each is checked on the way (an object
   * `body`, a string `custom_id` never seen before), and a bad one ends the upload with an
   * `InvalidRequestError`, aborting the request so the server keeps no partial file. Bad options,
   * a bad array of requests, or a bad request in the first chunk (about 64 KB) fail before
   * anything is sent.
   *
   * Retried only where the server provably stored nothing (429, 503 with Retry-After, connection
   * refused) and only if the input can be read again: never a one-shot iterator, async iterable
   * or Observable. A redirect is an error (a streamed body cannot be sent twice).
   *
   * With `options.recover` (the filename being unique to this upload), an ambiguous failure (a
   * timeout, a reset, 500, 502, 503 without Retry-After, a cut answer) is recovered: after the
   * policy's delay the files are listed, and the one with this exact name, purpose and size,
   * created since the upload began, is emitted as the upload's result. Only when there is none is
   * the content sent again, if it can be read again; otherwise the upload fails with the original
   * error. A streamed content cut off before its end is never looked for (the server cannot hold
   * it whole).
   */
  readonly upload$: (input: UploadInput, options: UploadOptions) => Observable<FileObject>
  /**
   * An Observable that, when subscribed, sends `GET /v1/files/{file_id}` and emits the file decoded
   * as a `FileDetail`, then completes. A `fileId` that is not a UUID is an `InvalidRequestError`,
   * signalled without sending anything. Retried as a safe operation.
   */
  readonly get$: (fileId: string, options?: OperationOptions) => Observable<FileDetail>
  /**
   * An Observable that, when subscribed, sends `GET /v1/files?page=0&...` and emits every file of
   * every page in order, as {@link listPages$} fetches them: lazily, so `list$().pipe(take(5))`
   * costs one request. A file shifted onto the next page by a new one is emitted once.
   */
  readonly list$: (filters?: ListFilesFilters) => Observable<FileObject>
  /**
   * An Observable that, when subscribed, sends `GET /v1/files?page=0&...` and emits one
   * `FileList` per page, fetching the next page only while the subscriber still wants values.
   * It completes after a short page, an empty page, or once `total` files have arrived (when the
   * server sends one). A server that never ends its pages ends the listing with a
   * `PaginationError`: a page with no file not seen before, a page its own `total` leaves no room
   * for, or `maxPages` pages fetched while more remain. A `page_size` that is not an integer >= 1
   * is an `InvalidRequestError`, signalled without sending anything. Each page is retried as a
   * safe operation.
   */
  readonly listPages$: (filters?: ListFilesFilters) => Observable<FileList>
  /**
   * An Observable that, when subscribed, sends `DELETE /v1/files/{file_id}` and emits the answer
   * decoded as a `DeletedFile`, then completes. A `fileId` that is not a UUID is an
   * `InvalidRequestError`, signalled without sending anything. Retried as a safe operation
   * (deleting twice deletes once; a retry after a lost answer may then see a 404).
   */
  readonly delete$: (fileId: string, options?: OperationOptions) => Observable<DeletedFile>
  /**
   * An Observable that, when subscribed, sends `GET /v1/files/{file_id}/url?expiry=...` and emits
   * the answer decoded as a `SignedUrl`, then completes. A `fileId` that is not a UUID, or an
   * `expiryHours` that is not an integer in 1..168, is an `InvalidRequestError`, signalled without
   * sending anything. Retried as a safe operation.
   */
  readonly signedUrl$: (fileId: string, options?: SignedUrlOptions) => Observable<SignedUrl>
  /**
   * An Observable that, when subscribed, sends `GET /v1/files/{file_id}/content` and emits the
   * body's chunks as they arrive, never the whole file at once, then completes. Unsubscribing
   * aborts the transfer. A body that breaks off or ends short of its Content-Length is a
   * `NetworkError`. Retried as a safe operation, but only before the first chunk is emitted
   * (`retry: 'none'` leaves it to the caller: `results$` resumes instead). A `fileId` that is not
   * a UUID, or an `idleTimeoutMs` that is not > 0, is an `InvalidRequestError`, nothing sent.
   */
  readonly download$: (fileId: string, options?: DownloadOptions) => Observable<Uint8Array>
}

/** The files operations bound to `ctx`. */
export const createFilesApi = (ctx: HttpContext): FilesApi => ({
  upload$: (input, options) => upload$(ctx, input, options),
  get$: (fileId, options) => get$(ctx, fileId, options),
  list$: (filters) => list$(ctx, filters),
  listPages$: (filters) => listPages$(ctx, filters),
  delete$: (fileId, options) => delete$(ctx, fileId, options),
  signedUrl$: (fileId, options) => signedUrl$(ctx, fileId, options),
  download$: (fileId, options) => download$(ctx, fileId, options),
})
