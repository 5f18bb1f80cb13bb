import { promises as fs, type promises } from 'node:fs'
import {
  catchError,
  concatMap,
  concatWith,
  defer,
  finalize,
  from,
  ignoreElements,
  map,
  switchMap,
  throwError,
  type Observable,
} from 'rxjs'
import type { DownloadOptions } from '../files/fileRequests.js'
import type { FilesTarget } from './filesTarget.js'

const writeAll = async (handle: promises.FileHandle, chunk: Uint8Array): Promise<void> => {
  let offset = 0
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, offset)
    offset += bytesWritten
  }
}

/**
 * An Observable that, when subscribed, downloads the file `fileId` (see `download$`) into
 * `path + '.part'`, emitting the number of bytes written so far after each chunk, then renames
 * it to `path` and completes. Each chunk is written before the next is taken. On an error the
 * `.part` file is removed before the error is signalled; on an unsubscribe it is removed in the
 * background. So `path` only ever holds a complete download.
 */
export const downloadToFile$ = (
  target: FilesTarget,
  fileId: string,
  path: string,
  options: DownloadOptions = {},
): Observable<number> =>
  defer(() => {
    const partPath = `${path}.part`
    let handle: promises.FileHandle | undefined
    let renamed = false
    const discard = async (): Promise<void> => {
      const open = handle
      handle = undefined
      await open?.close().catch(() => undefined)
      if (!renamed) await fs.rm(partPath, { force: true })
    }
    return from(fs.open(partPath, 'w')).pipe(
      switchMap((opened) => {
        handle = opened
        let written = 0
        return target.files.download$(fileId, options).pipe(
          concatMap((chunk) =>
            from(writeAll(opened, chunk)).pipe(map(() => (written += chunk.byteLength))),
          ),
          concatWith(
            defer(async () => {
              handle = undefined
              await opened.close()
              await fs.rename(partPath, path)
              renamed = true
            }).pipe(ignoreElements()),
          ),
        )
      }),
      catchError((error: unknown) =>
        from(discard()).pipe(switchMap(() => throwError(() => error))),
      ),
      finalize(() => {
        if (!renamed) discard().catch(() => undefined)
      }),
    )
  })
