// download$: a file's content as the chunks arrive, under an idle timeout rather than a total one.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, throwError, type Observable } from 'rxjs'
import type { HttpContext } from '../http/HttpContext.js'
import { requestBytes$ } from '../http/readBody.js'
import { uuidSegment } from '../http/uuidSegment.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { durationProblem } from '../time/durations.js'

/** The default longest wait for the headers or for the next chunk of a download. */
export const DEFAULT_DOWNLOAD_IDLE_TIMEOUT_MS = 60_000

/** Options of {@link download$}. */
export interface DownloadOptions {
  /**
   * The longest wait for the headers or for the next chunk, in milliseconds; past it the
   * download fails with a `TimeoutError`. There is no total limit, so a 1 GB file is never cut.
   * @default 60_000
   */
  readonly idleTimeoutMs?: number
  /** Aborting it ends the download with a `NetworkError`. */
  readonly signal?: AbortSignal
}

const DOWNLOAD_KEYS: KnownKeys<DownloadOptions> = { idleTimeoutMs: true, signal: true }

/**
 * An Observable that, when subscribed, sends `GET /v1/files/{file_id}/content` and emits the
 * body's chunks as they arrive, never the whole file at once, then completes. Unsubscribing
 * aborts the transfer. A body that breaks off or ends short of its Content-Length is a
 * `NetworkError`. Retried as a safe operation, but only before the first chunk is emitted. A
 * `fileId` that is not a UUID, or an `idleTimeoutMs` that is not > 0, is an
 * `InvalidRequestError`, signalled without sending anything.
 */
export const download$ = (
  ctx: HttpContext,
  fileId: string,
  options: DownloadOptions = {},
): Observable<Uint8Array> =>
  defer(() => {
    const unknown = unknownKeyError(options, DOWNLOAD_KEYS, 'files.download$ options')
    if (unknown !== undefined) return throwError(() => unknown)
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_DOWNLOAD_IDLE_TIMEOUT_MS
    const problem = durationProblem(idleTimeoutMs, 'idleTimeoutMs', 'positive')
    if (problem !== undefined) {
      return throwError(() => new InvalidRequestError(problem, { field: 'idleTimeoutMs' }))
    }
    return pipe(
      uuidSegment('fileId', fileId),
      E.match(
        (error) => throwError(() => error),
        (segment) =>
          requestBytes$(
            ctx,
            {
              method: 'GET',
              path: `/v1/files/${segment}/content`,
              headers: { accept: 'application/octet-stream' },
              retry: 'safe',
              timeoutMs: null,
              ...(options.signal === undefined ? {} : { signal: options.signal }),
            },
            { idleTimeoutMs },
          ),
      ),
    )
  })
