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
  /** An Observable that, when subscribed, uploads `input` as a file (see `upload$`). */
  readonly upload$: (input: UploadInput, options: UploadOptions) => Observable<FileObject>
  /** An Observable that, when subscribed, fetches the file `fileId` (see `get$`). */
  readonly get$: (fileId: string, options?: OperationOptions) => Observable<FileDetail>
  /** An Observable that, when subscribed, emits every file of every page, lazily (see `list$`). */
  readonly list$: (filters?: ListFilesFilters) => Observable<FileObject>
  /** An Observable that, when subscribed, emits one page of files at a time (see `listPages$`). */
  readonly listPages$: (filters?: ListFilesFilters) => Observable<FileList>
  /** An Observable that, when subscribed, deletes the file `fileId` (see `delete$`). */
  readonly delete$: (fileId: string, options?: OperationOptions) => Observable<DeletedFile>
  /** An Observable that, when subscribed, asks for a signed URL of `fileId` (see `signedUrl$`). */
  readonly signedUrl$: (fileId: string, options?: SignedUrlOptions) => Observable<SignedUrl>
  /** An Observable that, when subscribed, streams the content of `fileId` (see `download$`). */
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
