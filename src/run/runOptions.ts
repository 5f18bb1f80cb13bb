// The options of runBatch$ and resumeBatch$, their defaults, and their checks.
import type { ApiEndpoint } from '../codecs/ApiEndpoint.js'
import type { WatchJobOptions } from '../batch/watchJobOptions.js'
import { MAX_INLINE_REQUESTS } from '../batch/validateCreateRequest.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { randomKey } from './randomKey.js'

/** How runBatch$ sends the requests: uploaded files, inline in the create call, or either. */
export type RunMode = 'file' | 'inline' | 'auto'

/** Options of `runBatch$`. */
export interface RunBatchOptions {
  /** The endpoint every request targets, e.g. `'/v1/chat/completions'`. */
  readonly endpoint: ApiEndpoint
  /** The model; may be left out when every request body names one. */
  readonly model?: string
  /** An agent to run the requests with, instead of a model. */
  readonly agentId?: string
  /** Labels stored with every job of the run (keys of 1..32 characters, values of 1..512). */
  readonly metadata?: Readonly<Record<string, string>>
  /**
   * Hours after which a job stops with `TIMEOUT_EXCEEDED`, an integer in 1..168.
   * @default 24
   */
  readonly timeoutHours?: number
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
   * `cancel$` each, sent after the teardown and not awaited).
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

/** The defaults of `RunBatchOptions`. */
export const RUN_BATCH_DEFAULTS = {
  mode: 'auto',
  maxRequestsPerJob: 1_000_000,
  maxFileBytes: 512 * 1024 * 1024,
  cancelOnUnsubscribe: false,
  filename: 'batch-requests.jsonl',
} as const

const RUN_BATCH_KEYS: KnownKeys<RunBatchOptions> = {
  endpoint: true,
  model: true,
  agentId: true,
  metadata: true,
  timeoutHours: true,
  mode: true,
  maxRequestsPerJob: true,
  maxFileBytes: true,
  watch: true,
  cancelOnUnsubscribe: true,
  filename: true,
  idempotencyKey: true,
  allowUnknownEndpoint: true,
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
export interface ResolvedRunOptions {
  readonly mode: RunMode
  readonly maxRequestsPerJob: number
  readonly maxFileBytes: number
  readonly cancelOnUnsubscribe: boolean
  readonly filename: string
}

const isPositiveInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 1

/**
 * Checks the options that belong to runBatch$ itself (the create fields are checked by the
 * first create's validation, before any upload) and fills in their defaults. Throws an
 * `InvalidRequestError` naming the field.
 */
export const resolveRunOptions = (options: RunBatchOptions): ResolvedRunOptions => {
  const invalid = (field: string, message: string): never => {
    throw new InvalidRequestError(`runBatch$: ${message}`, { field })
  }
  if (typeof options !== 'object' || options === null) {
    return invalid('options', 'options must be an object with at least an endpoint')
  }
  const unknown = unknownKeyError(options, RUN_BATCH_KEYS, 'runBatch$ options')
  if (unknown !== undefined) throw unknown
  const resolved: ResolvedRunOptions = {
    mode: options.mode ?? RUN_BATCH_DEFAULTS.mode,
    maxRequestsPerJob: options.maxRequestsPerJob ?? RUN_BATCH_DEFAULTS.maxRequestsPerJob,
    maxFileBytes: options.maxFileBytes ?? RUN_BATCH_DEFAULTS.maxFileBytes,
    cancelOnUnsubscribe: options.cancelOnUnsubscribe ?? RUN_BATCH_DEFAULTS.cancelOnUnsubscribe,
    filename: options.filename ?? RUN_BATCH_DEFAULTS.filename,
  }
  if (!['file', 'inline', 'auto'].includes(resolved.mode)) {
    invalid('mode', `mode must be 'file', 'inline' or 'auto', got ${String(resolved.mode)}`)
  }
  if (!isPositiveInteger(resolved.maxRequestsPerJob)) {
    invalid('maxRequestsPerJob', 'maxRequestsPerJob must be an integer >= 1')
  }
  if (!isPositiveInteger(resolved.maxFileBytes)) {
    invalid('maxFileBytes', 'maxFileBytes must be an integer >= 1')
  }
  if (typeof resolved.filename !== 'string' || resolved.filename.trim() === '') {
    invalid('filename', 'filename must be a non-empty string')
  }
  return resolved
}

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
