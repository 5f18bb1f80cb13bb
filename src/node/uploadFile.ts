import { createReadStream, promises as fs } from 'node:fs'
import { basename } from 'node:path'
import { defer, from, switchMap, throwError, type Observable } from 'rxjs'
import type { FileObject } from '../codecs/FileObject.js'
// the core's public index, not its files: the node bundle shares the core's classes (build.mjs)
import { InvalidRequestError } from '../index.js'
import type { UploadOptions } from '../files/uploadOptions.js'
import type { FilesTarget } from './filesTarget.js'

/** Options of {@link uploadFile$}: those of `upload$`, with the filename defaulting to the path's. */
export type UploadFileOptions = Omit<UploadOptions, 'filename'> & {
  /**
   * The name sent to the server.
   * @default the last segment of `path`
   */
  readonly filename?: string
}

const notAFile = (path: string): InvalidRequestError =>
  new InvalidRequestError(`path ${JSON.stringify(path)} is not a readable file`, { field: 'path' })

/**
 * An Observable that, when subscribed, checks that `path` is a file (else an
 * `InvalidRequestError`, nothing sent), then uploads it with `POST /v1/files`, streamed from
 * disk chunk by chunk as fetch pulls it, and emits the stored `FileObject`. The file is opened
 * afresh for each attempt, so the upload retries like text does (429, 503 with Retry-After,
 * connection refused).
 */
export const uploadFile$ = (
  target: FilesTarget,
  path: string,
  options: UploadFileOptions = {},
): Observable<FileObject> =>
  defer(() =>
    from(
      fs.stat(path).then(
        (stats) => stats.isFile(),
        () => false,
      ),
    ),
  ).pipe(
    switchMap((isFile) =>
      isFile
        ? target.files.upload$(
            { openBytes: () => createReadStream(path) },
            { ...options, filename: options.filename ?? basename(path) },
          )
        : throwError(() => notAFile(path)),
    ),
  )
