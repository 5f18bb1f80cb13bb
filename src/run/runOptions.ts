// The options of runBatch$ and resumeBatch$, their defaults, and their checks.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import type { BatchJobFields, BatchRequestInput } from '../batch/createBatchJobInput.js'
import type { WatchJobOptions } from '../batch/watchJobOptions.js'
import { checkJobFields, MAX_INLINE_REQUESTS } from '../batch/validateCreateRequest.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { RUN_ANSWER_KEYS, type RunAnswerOptions } from './answerOptions.js'
import { randomKey } from './randomKey.js'
import {
  ATTEMPT_METADATA_KEY,
  resolveRetryFailed,
  type ResolvedRetryFailed,
  type RetryFailedOptions,
} from './retryFailed.js'

/** How runBatch$ sends the requests: uploaded files, inline in the create call, or either. */
export type RunMode = 'file' | 'inline' | 'auto'

/** Options of `runBatch$`; `body` and `content` type its `result` events as `B` and `C`. */
export interface RunBatchOptions<B = unknown, C = never> extends RunAnswerOptions<B, C> {
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
   * Mistral's pages disagree on the limit: 1,000,000 pending requests a workspace (the batch
   * page), 100,000 requests a batch (the known-limitations page); the default is the stricter.
   * @default 100_000
   */
  readonly maxRequestsPerJob?: number
  /**
   * Requests in the run's jobs that have not ended, at most (Mistral's batch page: 1,000,000
   * pending a workspace). A run bigger than this uploads every shard first, as always, then
   * creates jobs while they fit and the next ones as earlier jobs end. At least
   * `maxRequestsPerJob`, or a full shard could never be sent.
   * @default 1_000_000
   */
  readonly maxPendingRequests?: number
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
  /**
   * Sends the requests whose result failed retryably (429 or 5xx, or as `when` says), or that got
   * no result, again in new jobs once every job of the round has ended, up to `maxAttempts`
   * attempts in all; the run's `result` events are then each request's last attempt. The jobs
   * get the metadata entry `batch_attempt` (their round), which `resumeBatch$` reads.
   * @default undefined (no retries)
   */
  readonly retryFailed?: RetryFailedOptions
}

/** Options of `resumeBatch$`; `body` and `content` type its `result` events as `B` and `C`. */
export interface ResumeBatchOptions<B = unknown, C = never> extends RunAnswerOptions<B, C> {
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
  /**
   * Continues the rounds of a run made with `retryFailed` (pass the same value): the round of
   * each job is read from its metadata, the rounds already made are followed, and the next ones
   * are created as `runBatch$` would have (the same idempotency keys, so a round a crash left
   * half made is completed, not made twice). The run's custom_ids are needed: from
   * `expectedCustomIds`, from `requests`, or else read back from the first round's input files.
   * @default undefined (the jobs are one round)
   */
  readonly retryFailed?: RetryFailedOptions
  /**
   * With `retryFailed`, for a run whose jobs were sent inline (whose requests the API cannot give
   * back): the run's input, as given to `runBatch$`.
   * @default undefined (requests are read back from the jobs' input files)
   */
  readonly requests?: ReadonlyArray<BatchRequestInput>
  /**
   * With `retryFailed`, the fields of the jobs of the rounds still to create. The API does not
   * tell a job's `timeout_hours`: pass the run's `job` to keep one that was not the default.
   * @default the endpoint, model, agent_id and metadata of the first job
   */
  readonly job?: BatchJobFields
  /** With `retryFailed`: as in `RunBatchOptions`; pass the run's value. @default 100_000 */
  readonly maxRequestsPerJob?: number
  /** With `retryFailed`: as in `RunBatchOptions`. @default 1_000_000 */
  readonly maxPendingRequests?: number
  /** With `retryFailed`: as in `RunBatchOptions`; pass the run's value. @default 536_870_912 */
  readonly maxFileBytes?: number
  /** With `retryFailed`: as in `RunBatchOptions`. @default 'batch-requests.jsonl' */
  readonly filename?: string
  /** With `retryFailed`: as in `RunBatchOptions`. @default the runtime's choice */
  readonly streamBody?: boolean
  /** With `retryFailed`: as in `RunBatchOptions`. @default false */
  readonly allowUnknownEndpoint?: boolean
}

const RUN_DEFAULTS = {
  mode: 'auto',
  maxRequestsPerJob: 100_000,
  maxPendingRequests: 1_000_000,
  maxFileBytes: 512 * 1024 * 1024,
  cancelOnUnsubscribe: false,
  filename: 'batch-requests.jsonl',
} as const

const RUN_BATCH_KEYS: KnownKeys<RunBatchOptions> = {
  job: true,
  mode: true,
  maxRequestsPerJob: true,
  maxPendingRequests: true,
  maxFileBytes: true,
  watch: true,
  cancelOnUnsubscribe: true,
  filename: true,
  idempotencyKey: true,
  allowUnknownEndpoint: true,
  validateBodies: true,
  streamBody: true,
  ...RUN_ANSWER_KEYS,
  retryFailed: true,
}

const RESUME_BATCH_KEYS: KnownKeys<ResumeBatchOptions> = {
  expectedCustomIds: true,
  watch: true,
  cancelOnUnsubscribe: true,
  ...RUN_ANSWER_KEYS,
  retryFailed: true,
  requests: true,
  job: true,
  maxRequestsPerJob: true,
  maxPendingRequests: true,
  maxFileBytes: true,
  filename: true,
  streamBody: true,
  allowUnknownEndpoint: true,
}

/** The options of `resumeBatch$` that only a run with `retryFailed` uses. */
const RESUME_ROUND_KEYS = [
  'requests',
  'job',
  'maxRequestsPerJob',
  'maxPendingRequests',
  'maxFileBytes',
  'filename',
  'streamBody',
  'allowUnknownEndpoint',
] as const

/**
 * The `InvalidRequestError` of an unknown option of `resumeBatch$`, or of one that only a run
 * with `retryFailed` uses given without it, if any.
 */
export const resumeOptionsProblem = (options: unknown): InvalidRequestError | undefined => {
  const unknown = unknownKeyError(options, RESUME_BATCH_KEYS, 'resumeBatch$ options')
  if (unknown !== undefined || options === undefined) return unknown
  const given = options as ResumeBatchOptions
  if (given.requests !== undefined && !Array.isArray(given.requests)) {
    return new InvalidRequestError('resumeBatch$: requests must be the array the run was given', {
      field: 'requests',
    })
  }
  if (given.retryFailed !== undefined) return undefined
  const stray = RESUME_ROUND_KEYS.find((key) => given[key] !== undefined)
  return stray === undefined
    ? undefined
    : new InvalidRequestError(
        `resumeBatch$: ${stray} is used to create the jobs of retry rounds: only with retryFailed`,
        { field: stray },
      )
}

/** `RunBatchOptions` checked, with defaults filled in. */
export type ResolvedRunOptions = Required<
  Pick<
    RunBatchOptions,
    'job' | 'mode' | 'maxRequestsPerJob' | 'maxPendingRequests' | 'maxFileBytes' | 'filename'
  >
> &
  Pick<RunBatchOptions, 'watch' | 'streamBody'> & {
    readonly cancelOnUnsubscribe: boolean
    readonly validateBodies: boolean
    /** The idempotency key of shard 0; shard `k` gets `-k` instead of `-0`. */
    readonly idempotencyKey: string
    /** `retryFailed` checked. */
    readonly retryFailed: ResolvedRetryFailed | undefined
  }

/**
 * A metadata value's 512 characters, less a dash and ten digits of shard number, and with
 * `retryFailed` the `-r<attempt>` of a later round.
 */
const maxRunKeyLength = (retry: ResolvedRetryFailed | undefined): number =>
  512 - 11 - (retry === undefined ? 0 : `-r${retry.maxAttempts}`.length)

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1

const invalidIn =
  (name: string) =>
  (field: string, message: string): E.Either<InvalidRequestError, never> =>
    E.left(new InvalidRequestError(`${name}: ${message}`, { field }))

const invalid = invalidIn('runBatch$')

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
  if (!isPositiveInteger(o.maxPendingRequests) || o.maxPendingRequests < o.maxRequestsPerJob) {
    return invalid(
      'maxPendingRequests',
      `maxPendingRequests must be an integer of at least maxRequestsPerJob (${o.maxRequestsPerJob}): ` +
        'a job of that many requests could never be sent',
    )
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

/** The problem of a `job` whose metadata takes the entry a run with retries keeps for itself. */
const reservedMetadataProblem = (
  name: string,
  job: BatchJobFields,
): E.Either<InvalidRequestError, never> | undefined => {
  const metadata: unknown = job.metadata
  if (typeof metadata !== 'object' || metadata === null || !(ATTEMPT_METADATA_KEY in metadata)) {
    return undefined
  }
  return invalidIn(name)(
    `job.metadata.${ATTEMPT_METADATA_KEY}`,
    `job.metadata.${ATTEMPT_METADATA_KEY} is where retryFailed keeps the round of each job; ` +
      'use another key',
  )
}

/**
 * The options checked, with defaults filled in, or the `InvalidRequestError` naming the first
 * field that is wrong: an unknown option, a `job` whose fields would fail the create (checked
 * now, before any upload), or a value out of range. `name` is the operation named in messages.
 */
export const resolveRunOptions = (
  options: RunBatchOptions<unknown, unknown>,
  name = 'runBatch$',
): E.Either<InvalidRequestError, ResolvedRunOptions> => {
  if (typeof options !== 'object' || options === null) {
    return invalid('options', 'options must be an object with at least a job')
  }
  const unknown = unknownKeyError(options, RUN_BATCH_KEYS, 'runBatch$ options')
  if (unknown !== undefined) return E.left(unknown)
  const retryFailed = resolveRetryFailed(options.retryFailed, name)
  if (E.isLeft(retryFailed)) return retryFailed
  const resolved: ResolvedRunOptions = {
    job: options.job,
    mode: options.mode ?? RUN_DEFAULTS.mode,
    maxRequestsPerJob: options.maxRequestsPerJob ?? RUN_DEFAULTS.maxRequestsPerJob,
    maxPendingRequests: options.maxPendingRequests ?? RUN_DEFAULTS.maxPendingRequests,
    maxFileBytes: options.maxFileBytes ?? RUN_DEFAULTS.maxFileBytes,
    cancelOnUnsubscribe: options.cancelOnUnsubscribe ?? RUN_DEFAULTS.cancelOnUnsubscribe,
    validateBodies: options.validateBodies ?? true,
    filename: options.filename ?? RUN_DEFAULTS.filename,
    watch: options.watch,
    streamBody: options.streamBody,
    idempotencyKey: options.idempotencyKey ?? randomKey(),
    retryFailed: retryFailed.right,
  }
  // each shard's key is `${key}-${k}`: room for the suffix of any shard count keeps shard 10,000's
  // create from failing after every upload and the creates before it
  const maxKeyLength = maxRunKeyLength(resolved.retryFailed)
  if (options.idempotencyKey !== undefined && options.idempotencyKey.length > maxKeyLength) {
    return invalidIn(name)(
      'idempotencyKey',
      `idempotencyKey must be at most ${maxKeyLength} characters: each shard adds -<k> to it`,
    )
  }
  const problem = runOptionProblem(resolved)
  if (problem !== undefined) return problem
  const reserved =
    resolved.retryFailed === undefined || typeof options.job !== 'object' || options.job === null
      ? undefined
      : reservedMetadataProblem(name, options.job)
  if (reserved !== undefined) return reserved
  return pipe(
    checkJobFields(options.job, `${name} options.job`, {
      idempotencyKey: shardKey(resolved, 0),
      ...(options.allowUnknownEndpoint === undefined
        ? {}
        : { allowUnknownEndpoint: options.allowUnknownEndpoint }),
    }),
    E.map(() => resolved),
  )
}

/** The idempotency key of the create of shard `shard`. */
const shardKey = (options: ResolvedRunOptions, shard: number): string =>
  `${options.idempotencyKey}-${shard}`

/**
 * The idempotency key of shard `shard` of the round of `attempt`: `shardKey` in the first round,
 * `${key}-r${attempt}-${shard}` after it, so each round's creates are as safe to retry, and a
 * resumed run finds a job it made before a crash instead of making it again.
 */
export const roundShardKey = (
  options: ResolvedRunOptions,
  attempt: number,
  shard: number,
): string =>
  attempt === 1 ? shardKey(options, shard) : `${options.idempotencyKey}-r${attempt}-${shard}`

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
