// The options of createBatchQueue, checked before anything is opened, with their defaults.
import {
  InvalidRequestError,
  type BatchJobFields,
  type MistralBatchClient,
  type WatchJobOptions,
} from 'mistral-batch-rx'
import type { Pool } from 'pg'
import type { PGliteLike } from './database.js'

/** Where the queue keeps its tables. */
export type QueueStore =
  /** A Postgres server: a connection string (the queue opens and closes a pool) or your pool. */
  | { readonly postgres: string | Pool }
  /** PGlite, in this process, its files in `dataDir` (one process at a time may open it). */
  | { readonly dataDir: string }
  /** A PGlite instance of yours (say `new PGlite()` in memory, for tests). */
  | { readonly pglite: PGliteLike }

/** Options of `createBatchQueue`. */
export interface BatchQueueOptions {
  /**
   * The client that creates, watches and collects the jobs. Needed by `run$` only: a process
   * that only enqueues, or only consumes results, may leave it out.
   */
  readonly client?: MistralBatchClient
  /** The queue's name: many queues share one database, each with its own requests and jobs. */
  readonly name: string
  /**
   * The create fields of every job, wire-named, as `runBatch$` takes them (`endpoint`, `model`...).
   * Needed by `run$` only, like `client`.
   */
  readonly job?: BatchJobFields
  /** @default { dataDir: './.mistral-batch-queue' } */
  readonly store?: QueueStore
  /** The most requests in one job. @default 10_000 */
  readonly maxBatchSize?: number
  /** The longest the oldest pending request waits before a job is sent with fewer. @default 60_000 */
  readonly maxWaitMs?: number
  /**
   * How many jobs a request may be in: a retryable failure (a 429 or 5xx result line, no result
   * from a job that ended `TIMEOUT_EXCEEDED`, `FAILED` or `CANCELLED`) queues it again until then.
   * @default 3
   */
  readonly maxAttempts?: number
  /** How long a worker's claim on a job lasts without renewal. @default 30_000 */
  readonly leaseMs?: number
  /** How open jobs are polled: `intervalMs` between polls of a worker's jobs. @default { intervalMs: 5_000 } */
  readonly watch?: Pick<WatchJobOptions, 'intervalMs'>
  /** A result not acknowledged by then is handed out again. @default 60_000 */
  readonly ackTimeoutMs?: number
  /** How often an idle worker or `results$` looks for work in the database. @default 1_000 */
  readonly pollMs?: number
  /** The most results one `results$` subscription holds unacknowledged. @default 1_000 */
  readonly maxUnacked?: number
  /** This process's name in leases (one per queue object). @default a random id */
  readonly workerId?: string
}

/** The options with every default filled in. */
export interface ResolvedQueueOptions {
  readonly name: string
  readonly job: BatchJobFields | undefined
  readonly maxBatchSize: number
  readonly maxWaitMs: number
  readonly maxAttempts: number
  readonly leaseMs: number
  readonly pollIntervalMs: number
  readonly ackTimeoutMs: number
  readonly pollMs: number
  readonly maxUnacked: number
  readonly workerId: string
}

const KNOWN = new Set([
  'client',
  'name',
  'job',
  'store',
  'maxBatchSize',
  'maxWaitMs',
  'maxAttempts',
  'leaseMs',
  'watch',
  'ackTimeoutMs',
  'pollMs',
  'maxUnacked',
  'workerId',
])

const bad = (field: string, message: string): never => {
  throw new InvalidRequestError(`createBatchQueue: ${message}`, { field })
}

const whole = (
  options: BatchQueueOptions,
  field: keyof BatchQueueOptions,
  fallback: number,
  min: number,
  max: number,
): number => {
  const value = options[field] ?? fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return bad(field, `${field} must be a whole number from ${min} to ${max}`)
  }
  return value
}

/** Checks `options` (an `InvalidRequestError` naming the field) and fills in the defaults. */
export const resolveQueueOptions = (options: BatchQueueOptions): ResolvedQueueOptions => {
  for (const key of Object.keys(options)) {
    if (!KNOWN.has(key)) bad(key, `unknown option ${JSON.stringify(key)}`)
  }
  if (options.client !== undefined && typeof options.client?.batch?.create$ !== 'function') {
    bad('client', 'client must be a MistralBatchClient (createClient)')
  }
  if (typeof options.name !== 'string' || !/^[\w.:-]{1,100}$/.test(options.name)) {
    bad('name', 'name must be 1 to 100 letters, digits, or any of _ . : -')
  }
  const job = options.job as Partial<BatchJobFields> | undefined
  if (job !== undefined && typeof job?.endpoint !== 'string') {
    bad('job.endpoint', 'job.endpoint must be a string')
  }
  if (job !== undefined && ('input_files' in job || 'requests' in job)) {
    bad('job', 'job holds the create fields only: the queue sends the requests itself')
  }
  const day = 24 * 3_600_000
  const intervalMs = options.watch?.intervalMs ?? 5_000
  if (typeof intervalMs !== 'number' || !(intervalMs >= 10 && intervalMs <= day)) {
    bad('watch.intervalMs', 'watch.intervalMs must be a number of ms from 10 to 86,400,000')
  }
  const workerId = options.workerId ?? `worker-${crypto.randomUUID()}`
  if (typeof workerId !== 'string' || workerId === '' || workerId.length > 200) {
    bad('workerId', 'workerId must be a string of 1 to 200 characters')
  }
  return {
    name: options.name,
    job: options.job,
    maxBatchSize: whole(options, 'maxBatchSize', 10_000, 1, 1_000_000),
    maxWaitMs: whole(options, 'maxWaitMs', 60_000, 0, day),
    maxAttempts: whole(options, 'maxAttempts', 3, 1, 100),
    leaseMs: whole(options, 'leaseMs', 30_000, 100, day),
    pollIntervalMs: intervalMs,
    ackTimeoutMs: whole(options, 'ackTimeoutMs', 60_000, 100, day),
    pollMs: whole(options, 'pollMs', 1_000, 5, 3_600_000),
    maxUnacked: whole(options, 'maxUnacked', 1_000, 1, 100_000),
    workerId,
  }
}
