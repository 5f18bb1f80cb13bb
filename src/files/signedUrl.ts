// signedUrl$: a time-limited URL from which a file can be fetched without the API key.
import { defer, throwError, type Observable } from 'rxjs'
import { SignedUrl } from '../codecs/SignedUrl.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { HttpContext } from '../http/HttpContext.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { fileIdRequest$ } from './fileIdRequest.js'

/** The shortest and longest validity of a signed URL, in hours (the spec's bounds). */
export const SIGNED_URL_EXPIRY_HOURS = { min: 1, max: 168 } as const

/** Options of {@link signedUrl$}. */
export interface SignedUrlOptions {
  /**
   * How many hours the URL stays valid: an integer in 1..168.
   * @default 24 (the server's default)
   */
  readonly expiryHours?: number
  /** Aborting it ends the request with a `NetworkError`. */
  readonly signal?: AbortSignal
}

const SIGNED_URL_KEYS: KnownKeys<SignedUrlOptions> = { expiryHours: true, signal: true }

/**
 * An Observable that, when subscribed, sends `GET /v1/files/{file_id}/url?expiry=...` and emits
 * the answer decoded as a `SignedUrl`, then completes. A `fileId` that is not a UUID, or an
 * `expiryHours` that is not an integer in 1..168, is an `InvalidRequestError`, signalled without
 * sending anything. Retried as a safe operation.
 */
export const signedUrl$ = (
  ctx: HttpContext,
  fileId: string,
  options: SignedUrlOptions = {},
): Observable<SignedUrl> =>
  defer(() => {
    const unknown = unknownKeyError(options, SIGNED_URL_KEYS, 'files.signedUrl$ options')
    if (unknown !== undefined) return throwError(() => unknown)
    const { expiryHours } = options
    const { min, max } = SIGNED_URL_EXPIRY_HOURS
    if (
      expiryHours !== undefined &&
      !(Number.isInteger(expiryHours) && expiryHours >= min && expiryHours <= max)
    ) {
      return throwError(
        () =>
          new InvalidRequestError(`expiryHours must be an integer from ${min} to ${max}`, {
            field: 'expiryHours',
          }),
      )
    }
    return fileIdRequest$(ctx, fileId, {
      method: 'GET',
      suffix: '/url',
      codec: SignedUrl,
      query: { expiry: expiryHours },
      retry: 'safe',
      signal: options.signal,
    })
  })
