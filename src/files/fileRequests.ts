// The operations on one file: get$, delete$, signedUrl$ and download$, each one descriptor.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import { defer, mergeMap, type Observable } from 'rxjs'
import { DeletedFile } from '../codecs/DeletedFile.js'
import { FileDetail } from '../codecs/FileDetail.js'
import { SignedUrl } from '../codecs/SignedUrl.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { fromEither$ } from '../fp/either.js'
import type { HttpContext } from '../http/HttpContext.js'
import { FILES, idOperation, idRequestSpec } from '../http/idRequest.js'
import { requestBytes$ } from '../http/readBody.js'
import type { RetryMode } from '../http/retry.js'
import { SIGNAL_ONLY, type OperationOptions } from '../options/knownKeys.js'
import { durationProblem } from '../time/durations.js'

/** `FilesApi.get$` on a client's context (documented there). */
export const get$ = idOperation<OperationOptions, FileDetail>({
  name: 'files.get$',
  collection: FILES,
  method: 'GET',
  codec: FileDetail,
  keys: SIGNAL_ONLY,
})

/** `FilesApi.delete$` on a client's context (documented there). */
export const delete$ = idOperation<OperationOptions, DeletedFile>({
  name: 'files.delete$',
  collection: FILES,
  method: 'DELETE',
  codec: DeletedFile,
  keys: SIGNAL_ONLY,
})

/** The shortest and longest validity of a signed URL, in hours (the spec's bounds). */
const SIGNED_URL_EXPIRY_HOURS = { min: 1, max: 168 } as const

/** Options of {@link signedUrl$}. */
export interface SignedUrlOptions extends OperationOptions {
  /**
   * How many hours the URL stays valid: an integer in 1..168.
   * @default 24 (the server's default)
   */
  readonly expiryHours?: number
}

const expiryQuery = ({ expiryHours }: SignedUrlOptions) => {
  const { min, max } = SIGNED_URL_EXPIRY_HOURS
  return expiryHours === undefined ||
    (Number.isInteger(expiryHours) && expiryHours >= min && expiryHours <= max)
    ? E.right({ expiry: expiryHours })
    : E.left(
        new InvalidRequestError(`expiryHours must be an integer from ${min} to ${max}`, {
          field: 'expiryHours',
        }),
      )
}

/** `FilesApi.signedUrl$` on a client's context (documented there). */
export const signedUrl$ = idOperation<SignedUrlOptions, SignedUrl>({
  name: 'files.signedUrl$',
  collection: FILES,
  method: 'GET',
  suffix: '/url',
  codec: SignedUrl,
  keys: { expiryHours: true, signal: true },
  query: expiryQuery,
})

/** The default longest wait for the headers or for the next chunk of a download. */
const DEFAULT_DOWNLOAD_IDLE_TIMEOUT_MS = 60_000

/** Options of {@link download$}. */
export interface DownloadOptions extends OperationOptions {
  /**
   * The longest wait for the headers or for the next chunk, in milliseconds; past it the
   * download fails with a `TimeoutError`. There is no total limit, so a 1 GB file is never cut.
   * @default 60_000
   */
  readonly idleTimeoutMs?: number
}

const idleTimeoutOf = (options: DownloadOptions): E.Either<InvalidRequestError, number> => {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_DOWNLOAD_IDLE_TIMEOUT_MS
  const problem = durationProblem(idleTimeoutMs, 'idleTimeoutMs', 'positive')
  return problem === undefined
    ? E.right(idleTimeoutMs)
    : E.left(new InvalidRequestError(problem, { field: 'idleTimeoutMs' }))
}

/** `FilesApi.download$` on a client's context (documented there). */
export const download$ = (
  ctx: HttpContext,
  fileId: string,
  options: DownloadOptions = {},
  retry: RetryMode = 'safe',
): Observable<Uint8Array> =>
  defer(() =>
    fromEither$(
      pipe(
        E.Do,
        E.bind('spec', () =>
          idRequestSpec(
            {
              name: 'files.download$',
              collection: FILES,
              method: 'GET',
              suffix: '/content',
              keys: { idleTimeoutMs: true, signal: true },
            },
            fileId,
            options,
          ),
        ),
        E.bind('idleTimeoutMs', () => idleTimeoutOf(options)),
      ),
    ),
  ).pipe(
    mergeMap(({ spec, idleTimeoutMs }) =>
      requestBytes$(
        ctx,
        { ...spec, headers: { accept: 'application/octet-stream' }, retry, timeoutMs: null },
        { idleTimeoutMs },
      ),
    ),
  )
