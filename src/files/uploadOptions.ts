// The options of upload$ and their checks, made before anything is sent.
import * as E from 'fp-ts/Either'
import type { ApiEndpoint } from '../codecs/ApiEndpoint.js'
import { FILE_PURPOSES, type FilePurpose } from '../codecs/FilePurpose.js'
import { FILE_VISIBILITIES, type FileVisibility } from '../codecs/FileVisibility.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { isRecord } from '../fp/either.js'
import { bodyCheck, type BodyCheck } from '../jsonl/bodyCheck.js'
import { describeType, unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { durationProblem } from '../time/durations.js'
import type { FormFields } from './multipart.js'

/** The default longest time an upload may go without progress. */
export const DEFAULT_UPLOAD_IDLE_TIMEOUT_MS = 60_000

/** Options of `upload$`. */
export interface UploadOptions {
  /** The file's name, sent in the file part (e.g. `'requests.jsonl'`); must not be empty. */
  readonly filename: string
  /**
   * What the file is for: one of `FILE_PURPOSES`.
   * @default 'batch'
   */
  readonly purpose?: FilePurpose
  /**
   * The spec's `expiry`: a positive integer (Mistral does not document its unit; the emulator
   * reads hours). Absent means the file does not expire.
   */
  readonly expiry?: number
  /**
   * Who can see the file.
   * @default 'workspace' (the server's default)
   */
  readonly visibility?: FileVisibility
  /**
   * Streamed inputs (requests): the longest time fetch may go without pulling a chunk, or
   * without an answer once everything is sent, in milliseconds; past it, a `TimeoutError`.
   * There is no total limit, so a big upload is never cut while it makes progress.
   * @default 60_000
   */
  readonly idleTimeoutMs?: number
  /**
   * Whole inputs (text, bytes, Blob): the time limit of one attempt, in milliseconds. Raise it
   * for big files on slow links.
   * @default the client's `timeoutMs`
   */
  readonly timeoutMs?: number
  /** Aborting it ends the upload with a `NetworkError`. */
  readonly signal?: AbortSignal
  /**
   * Recover from ambiguous failures (timeout, reset, 500, 502, 503 without Retry-After, a cut
   * answer): look for the file the failed attempt may have stored, by its exact `filename`,
   * purpose, size and creation time, and return it; upload again only if it is not there (and
   * the input can be read again). Set it only when `filename` is unique to this upload: a file
   * of the same name and size made by someone else in the meantime would be taken for it.
   * @default false
   */
  readonly recover?: boolean
  /**
   * Streamed inputs (requests, streams): `true` streams them as fetch pulls them (memory stays
   * flat); `false` gathers them into one Blob first (at most 512 MiB, held in memory), for a
   * runtime or a server that cannot take a streamed body. Left out, the runtime decides: a
   * feature test (Firefox and Safari fail it), and where it passes but fetch refuses the stream
   * before reading any of it (Chromium to an HTTP/1.1 server: a bare `Failed to fetch`), the
   * body is gathered and sent again as a Blob, as is every later upload to that origin. With
   * `true` that refusal is the upload's error.
   * @default the runtime's choice, as above
   */
  readonly streamBody?: boolean
  /**
   * Requests only: the endpoint the file is for, e.g. `'/v1/chat/completions'`. An upload does
   * not otherwise know it, and it is what the bodies are checked against (see `validateBodies`);
   * left out, or an endpoint this client does not know, the bodies are not checked. Not sent.
   * @default undefined
   */
  readonly endpoint?: ApiEndpoint
  /**
   * Requests with an `endpoint`: check every body against that endpoint's request codec
   * (`ChatCompletionRequest`, ...) before it is sent; a body that does not fit is an
   * `InvalidRequestError` naming the request and the path, and nothing is stored. `false` sends
   * the bodies unchecked.
   * @default true
   */
  readonly validateBodies?: boolean
}

const invalid = (field: string, message: string): E.Either<InvalidRequestError, never> =>
  E.left(new InvalidRequestError(message, { field }))

const UPLOAD_KEYS: KnownKeys<UploadOptions> = {
  filename: true,
  purpose: true,
  expiry: true,
  visibility: true,
  idleTimeoutMs: true,
  timeoutMs: true,
  signal: true,
  recover: true,
  streamBody: true,
  endpoint: true,
  validateBodies: true,
}

/**
 * The form fields of an upload (`purpose`, then `expiry` and `visibility` when given), checked,
 * or the `InvalidRequestError` of the first option that is wrong or unknown.
 */
export const uploadFields = (options: UploadOptions): E.Either<InvalidRequestError, FormFields> => {
  if (typeof options !== 'object' || options === null) {
    return invalid(
      'options',
      `upload$ options must be an object with a filename, got ${describeType(options)}`,
    )
  }
  const unknown = unknownKeyError(options, UPLOAD_KEYS, 'upload$ options')
  if (unknown !== undefined) return E.left(unknown)
  const { filename, purpose = 'batch', expiry, visibility } = options
  if (typeof filename !== 'string' || filename.trim() === '') {
    return invalid('filename', 'filename must be a non-empty string')
  }
  if (!(FILE_PURPOSES as ReadonlyArray<string>).includes(purpose)) {
    return invalid('purpose', `purpose must be one of ${FILE_PURPOSES.join(', ')}`)
  }
  // a safe integer: past 2^53 the number no longer says which integer it is, and String() of
  // one past 1e21 is exponent notation that no server reads as an integer
  if (expiry !== undefined && !(Number.isSafeInteger(expiry) && expiry >= 1)) {
    return invalid('expiry', `expiry must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`)
  }
  if (
    visibility !== undefined &&
    !(FILE_VISIBILITIES as ReadonlyArray<string>).includes(visibility)
  ) {
    return invalid('visibility', `visibility must be one of ${FILE_VISIBILITIES.join(', ')}`)
  }
  for (const field of ['idleTimeoutMs', 'timeoutMs'] as const) {
    const value = options[field]
    const problem = value === undefined ? undefined : durationProblem(value, field, 'positive')
    if (problem !== undefined) return invalid(field, problem)
  }
  if (
    options.endpoint !== undefined &&
    (typeof options.endpoint !== 'string' || options.endpoint === '')
  ) {
    return invalid('endpoint', 'endpoint must be a non-empty string, e.g. "/v1/chat/completions"')
  }
  for (const field of ['recover', 'streamBody', 'validateBodies'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'boolean') {
      return invalid(field, `${field} must be true or false`)
    }
  }
  return E.right([
    ['purpose', purpose],
    ...(expiry === undefined ? [] : ([['expiry', String(expiry)]] as const)),
    ...(visibility === undefined ? [] : ([['visibility', visibility]] as const)),
  ])
}

/** The check of the bodies of an upload of requests, when its options give a known `endpoint`. */
export const uploadBodyCheck = (options: unknown): BodyCheck | undefined =>
  isRecord(options) ? bodyCheck(options.endpoint, options.validateBodies !== false) : undefined
