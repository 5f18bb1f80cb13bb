// The options of runBatch$ and resumeBatch$, their defaults, and their checks.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { BatchJobFields } from '../batch/createBatchJobInput.js'
import type { WatchJobOptions } from '../batch/watchJobOptions.js'
import { checkJobFields, MAX_INLINE_REQUESTS } from '../batch/validateCreateRequest.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { randomKey } from './randomKey.js'

/** How runBatch$ sends the requests: uploaded files, inline in the create call, or either. */
export type RunMode = 'file' | 'inline' | 'auto'

/** Options of `runBatch$`. */
export interface RunBatchOptions {
  /** The fields of every job of the run, in the wire's names: `endpoint`, `model`, ... */
  readonly job: BatchJobFields
  /**
   * `'file'` uploads the requests as JSONL files; `'inline'` sends them in the create call (at
   * most 10,000 a job, all held in memory); `'auto'` goes inline when the input has at most
   * 10,000 requests and to files above, deciding after reading at most 10,001 of them.
   * @default 'auto'
   */
  readonly mode?: RunMode
  /**
   * Requests in one job; a longer input is split into several files and jobs, run side by side.
   * Inline jobs take at most 10,000 whatever this says.
   * @default 1_000_000
   */
  readonly maxRequestsPerJob?: number
  /**
   * Bytes of JSONL in one uploaded file; a bigger input is split like `maxRequestsPerJob`.
   * @default 536_870_912 (512 MB)
   */
  readonly maxFileBytes?: number
  /** How each job is watched (see `WatchJobOptions` for each default). @default {} */
  readonly watch?: WatchJobOptions
  /**
   * When the subscriber leaves before the end, cancel every job of the run still running (one
   * `cancel$` each, sent after the teardown and not awaited). Off by default, as for the
   * batcher: a cancel cannot be undone, and a service that unsubscribes on a graceful shutdown
   * must not throw away hours of paid work; `resumeBatch$` re-attaches to the jobs instead.
   * @default false
   */
  readonly cancelOnUnsubscribe?: boolean
  /**
   * The name of the uploaded files; shard `k` gets `-<run tag>-k` before the extension, a
   * random tag that makes the name unique to the upload, so a failed upload can be recovered.
   * @default 'batch-requests.jsonl'
   */
  readonly filename?: string
  /**
   * Makes each create safe to retry after an ambiguous failure: shard `k` is created with the
   * idempotency key `${idempotencyKey}-${k}` (see `CreateBatchJobOptions.idempotencyKey`).
   * @default a random key per run
   */
  readonly idempotencyKey?: string
  /** Send an endpoint this client does not know instead of rejecting it. @default false */
  readonly allowUnknownEndpoint?: boolean
  /**
   * Check every body against the request codec of `job.endpoint` (`ChatCompletionRequest`, ...)
   * before anything is sent: an array whole, a stream as it is read (before its shard is
   * uploaded). A body that does not fit ends the run with an `InvalidRequestError` naming the
   * request and the path, with nothing left behind. `false` sends the bodies unchecked; an
   * endpoint this client does not know is never checked.
   * @default true
   */
  readonly validateBodies?: boolean
  /**
   * File mode: stream each shard to the upload (`true`) or gather it into a Blob first (`false`,
   * at most 512 MiB a shard), as `UploadOptions.streamBody`.
   * @default the runtime's choice: a feature test, and a Blob where fetch refuses the stream
   */
  readonly streamBody?: boolean
}

/** Options of `resumeBatch$`. */
export interface ResumeBatchOptions {
  /**
   * The custom_ids the jobs were sent, to report `missing` and `unexpected` results. Without
   * them only duplicates can be told, and `summary.missing` stays empty.
   * @default undefined
   */
  readonly expectedCustomIds?: Iterable<string>
  /** How each job is watched (see `WatchJobOptions`). @default {} */
  readonly watch?: WatchJobOptions
  /** As in `RunBatchOptions`: cancel the jobs still running when the subscriber leaves. @default false */
  readonly cancelOnUnsubscribe?: boolean
}

const RUN_DEFAULTS = {
  mode: 'auto',
  maxRequestsPerJob: 1_000_000,
  maxFileBytes: 512 * 1024 * 1024,
  cancelOnUnsubscribe: false,
  filename: 'batch-requests.jsonl',
} as const

const RUN_BATCH_KEYS: KnownKeys<RunBatchOptions> = {
  job: true,
  mode: true,
  maxRequestsPerJob: true,
  maxFileBytes: true,
  watch: true,
  cancelOnUnsubscribe: true,
  filename: true,
  idempotencyKey: true,
  allowUnknownEndpoint: true,
  validateBodies: true,
  streamBody: true,
}

const RESUME_BATCH_KEYS: KnownKeys<ResumeBatchOptions> = {
  expectedCustomIds: true,
  watch: true,
  cancelOnUnsubscribe: true,
}

/** The `InvalidRequestError` of an unknown option of `resumeBatch$`, if any. */
export const resumeOptionsProblem = (options: unknown): InvalidRequestError | undefined =>
  unknownKeyError(options, RESUME_BATCH_KEYS, 'resumeBatch$ options')

/** `RunBatchOptions` checked, with defaults filled in. */
export type ResolvedRunOptions = Required<
  Pick<RunBatchOptions, 'job' | 'mode' | 'maxRequestsPerJob' | 'maxFileBytes' | 'filename'>
> &
  Pick<RunBatchOptions, 'watch' | 'streamBody'> & {
    readonly cancelOnUnsubscribe: boolean
    readonly validateBodies: boolean
    /** The idempotency key of shard 0; shard `k` gets `-k` instead of `-0`. */
    readonly idempotencyKey: string
  }

/** A metadata value's 512 characters, less a dash and ten digits of shard number. */
const MAX_RUN_KEY_LENGTH = 512 - 11

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1

const invalid = (field: string, message: string): E.Either<InvalidRequestError, never> =>
  E.left(new InvalidRequestError(`runBatch$: ${message}`, { field }))

/** The first option of runBatch$ itself that is out of range, if any. */
const runOptionProblem = (
  o: ResolvedRunOptions,
): E.Either<InvalidRequestError, never> | undefined => {
  if (!['file', 'inline', 'auto'].includes(o.mode)) {
    return invalid('mode', `mode must be 'file', 'inline' or 'auto', got ${String(o.mode)}`)
  }
  if (!isPositiveInteger(o.maxRequestsPerJob)) {
    return invalid('maxRequestsPerJob', 'maxRequestsPerJob must be an integer >= 1')
  }
  if (!isPositiveInteger(o.maxFileBytes)) {
    return invalid('maxFileBytes', 'maxFileBytes must be an integer >= 1')
  }
  if (typeof o.filename !== 'string' || o.filename.trim() === '') {
    return invalid('filename', 'filename must be a non-empty string')
  }
  if (typeof o.validateBodies !== 'boolean') {
    return invalid('validateBodies', 'validateBodies must be true or false')
  }
  return undefined
}

/**
 * The options checked, with defaults filled in, or the `InvalidRequestError` naming the first
 * field that is wrong: an unknown option, a `job` whose fields would fail the create (checked
 * now, before any upload), or a value out of range.
 */
export const resolveRunOptions = (
  options: RunBatchOptions,
): E.Either<InvalidRequestError, ResolvedRunOptions> => {
  if (typeof options !== 'object' || options === null) {
    return invalid('options', 'options must be an object with at least a job')
  }
  const unknown = unknownKeyError(options, RUN_BATCH_KEYS, 'runBatch$ options')
  if (unknown !== undefined) return E.left(unknown)
  const resolved: ResolvedRunOptions = {
    job: options.job,
    mode: options.mode ?? RUN_DEFAULTS.mode,
    maxRequestsPerJob: options.maxRequestsPerJob ?? RUN_DEFAULTS.maxRequestsPerJob,
    maxFileBytes: options.maxFileBytes ?? RUN_DEFAULTS.maxFileBytes,
    cancelOnUnsubscribe: options.cancelOnUnsubscribe ?? RUN_DEFAULTS.cancelOnUnsubscribe,
    validateBodies: options.validateBodies ?? true,
    filename: options.filename ?? RUN_DEFAULTS.filename,
    watch: options.watch,
    streamBody: options.streamBody,
    idempotencyKey: options.idempotencyKey ?? randomKey(),
  }
  // each shard's key is `${key}-${k}`: room for the suffix of any shard count keeps shard 10,000's
  // create from failing after every upload and the creates before it
  if (options.idempotencyKey !== undefined && options.idempotencyKey.length > MAX_RUN_KEY_LENGTH) {
    return invalid(
      'idempotencyKey',
      `idempotencyKey must be at most ${MAX_RUN_KEY_LENGTH} characters: each shard adds -<k> to it`,
    )
  }
  const problem = runOptionProblem(resolved)
  if (problem !== undefined) return problem
  return pipe(
    checkJobFields(options.job, 'runBatch$ options.job', {
      idempotencyKey: shardKey(resolved, 0),
      ...(options.allowUnknownEndpoint === undefined
        ? {}
        : { allowUnknownEndpoint: options.allowUnknownEndpoint }),
    }),
    E.map(() => resolved),
  )
}

/** The idempotency key of the create of shard `shard`. */
export const shardKey = (options: ResolvedRunOptions, shard: number): string =>
  `${options.idempotencyKey}-${shard}`

/** Requests in one inline job: `maxRequestsPerJob`, at most 10,000. */
export const inlineJobSize = (options: ResolvedRunOptions): number =>
  Math.min(options.maxRequestsPerJob, MAX_INLINE_REQUESTS)

/** The file name of shard `shard`: `name-k.ext` when the run may have several shards. */
export const shardFilename = (filename: string, shard: number | string): string => {
  const dot = filename.lastIndexOf('.')
  return dot > 0
    ? `${filename.slice(0, dot)}-${shard}${filename.slice(dot)}`
    : `${filename}-${shard}`
}

/** A random tag for the files of one run: 12 letters and digits. */
export const runTag = (): string =>
  randomKey()
    .replace(/[^a-z0-9]/gi, '')
    .slice(0, 12)

/**
 * The file name of shard `shard` of the run tagged `tag`: `name-<tag>-k.ext`, unique to its
 * upload (which lets `upload$` recover it after an ambiguous failure).
 */
export const uniqueShardFilename = (filename: string, tag: string, shard: number): string =>
  shardFilename(filename, `${tag}-${shard}`)
