// The options of the micro-batcher, their defaults, and the check that rejects values it cannot honour.
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { durationProblem } from '../time/durations.js'

/** The most requests one inline batch job accepts (`requests` of `POST /v1/batch/jobs`). */
export const MAX_INLINE_REQUESTS = 10_000

/** How the micro-batcher gathers single submissions into batch jobs. */
export interface BatcherOptions {
  /**
   * Requests in one job: a job is sent as soon as this many submissions are waiting. At most
   * 10,000, the limit of an inline job.
   * @default 1000
   */
  readonly maxBatchSize?: number
  /**
   * Longest wait of a submission before its job is sent, in milliseconds, counted from the oldest
   * submission still waiting (so a steady trickle cannot postpone a job forever). 0 sends every
   * submission at once, alone.
   * @default 5000
   */
  readonly maxWaitMs?: number
  /**
   * Jobs running at the same time; a job that is ready beyond this waits for a running one to end
   * (and takes in the submissions that arrive meanwhile, up to `maxBatchSize`). The default never
   * holds a job back, so `maxWaitMs` is a true bound on the wait.
   * @default Infinity
   */
  readonly maxConcurrentJobs?: number
  /**
   * Start of every `custom_id` the batcher assigns; the rest is a counter, unique per batcher.
   * @default ''
   */
  readonly idPrefix?: string
}

/** `BatcherOptions` with every default filled in. */
export interface ResolvedBatcherOptions {
  readonly maxBatchSize: number
  readonly maxWaitMs: number
  readonly maxConcurrentJobs: number
  readonly idPrefix: string
}

/** The defaults of `BatcherOptions`. */
export const BATCHER_DEFAULTS = {
  maxBatchSize: 1000,
  maxWaitMs: 5000,
  maxConcurrentJobs: Infinity,
  idPrefix: '',
} as const satisfies ResolvedBatcherOptions

/** The outcome of {@link resolveBatcherOptions}: the values, or the field that is wrong and why. */
export type BatcherOptionsResolution =
  | { readonly ok: true; readonly value: ResolvedBatcherOptions }
  | { readonly ok: false; readonly field: string; readonly reason: string }

/** The option names of `BatcherOptions`. */
export const BATCHER_KEYS: KnownKeys<BatcherOptions> = {
  maxBatchSize: true,
  maxWaitMs: true,
  maxConcurrentJobs: true,
  idPrefix: true,
}

/** Fills in the defaults and checks the values and the option names. */
export function resolveBatcherOptions(options: BatcherOptions = {}): BatcherOptionsResolution {
  const unknown = unknownKeyError(options, BATCHER_KEYS, 'batcher options')
  if (unknown !== undefined) {
    return { ok: false, field: unknown.field ?? 'options', reason: unknown.message }
  }
  const value: ResolvedBatcherOptions = {
    maxBatchSize: options.maxBatchSize ?? BATCHER_DEFAULTS.maxBatchSize,
    maxWaitMs: options.maxWaitMs ?? BATCHER_DEFAULTS.maxWaitMs,
    maxConcurrentJobs: options.maxConcurrentJobs ?? BATCHER_DEFAULTS.maxConcurrentJobs,
    idPrefix: options.idPrefix ?? BATCHER_DEFAULTS.idPrefix,
  }
  const { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix } = value
  if (!(
    Number.isInteger(maxBatchSize) &&
    maxBatchSize >= 1 &&
    maxBatchSize <= MAX_INLINE_REQUESTS
  )) {
    return invalid('maxBatchSize', `an integer from 1 to ${MAX_INLINE_REQUESTS}`, maxBatchSize)
  }
  const wait = durationProblem(maxWaitMs, 'maxWaitMs', 'nonNegative')
  if (wait !== undefined) return { ok: false, field: 'maxWaitMs', reason: wait }
  if (!(
    maxConcurrentJobs === Infinity ||
    (Number.isInteger(maxConcurrentJobs) && maxConcurrentJobs >= 1)
  )) {
    return invalid('maxConcurrentJobs', 'a positive integer or Infinity', maxConcurrentJobs)
  }
  if (typeof idPrefix !== 'string') {
    return invalid('idPrefix', 'a string', idPrefix)
  }
  return { ok: true, value }
}

function invalid(
  field: keyof BatcherOptions,
  expected: string,
  got: unknown,
): BatcherOptionsResolution {
  return { ok: false, field, reason: `${field} must be ${expected}, got ${String(got)}` }
}
