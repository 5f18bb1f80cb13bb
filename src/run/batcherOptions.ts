// The options of the micro-batcher, their defaults, and the check that rejects values it cannot honour.
import * as E from 'fp-ts/Either'
import { MAX_INLINE_REQUESTS } from '../batch/validateCreateRequest.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'
import { durationProblem } from '../time/durations.js'

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
export type ResolvedBatcherOptions = Required<BatcherOptions>

/** The defaults of `BatcherOptions`. */
const BATCHER_DEFAULTS = {
  maxBatchSize: 1000,
  maxWaitMs: 5000,
  maxConcurrentJobs: Infinity,
  idPrefix: '',
} as const satisfies ResolvedBatcherOptions

/** The option names of `BatcherOptions`. */
export const BATCHER_KEYS: KnownKeys<BatcherOptions> = {
  maxBatchSize: true,
  maxWaitMs: true,
  maxConcurrentJobs: true,
  idPrefix: true,
}

/**
 * Checks the option names and values and fills in the defaults: the options, or the
 * `InvalidRequestError` that names the first field it cannot honour.
 */
export function resolveBatcherOptions(
  options: BatcherOptions = {},
): E.Either<InvalidRequestError, ResolvedBatcherOptions> {
  const unknown = unknownKeyError(options, BATCHER_KEYS, 'batcher options')
  if (unknown !== undefined) return E.left(unknown)
  const resolved: ResolvedBatcherOptions = {
    maxBatchSize: options.maxBatchSize ?? BATCHER_DEFAULTS.maxBatchSize,
    maxWaitMs: options.maxWaitMs ?? BATCHER_DEFAULTS.maxWaitMs,
    maxConcurrentJobs: options.maxConcurrentJobs ?? BATCHER_DEFAULTS.maxConcurrentJobs,
    idPrefix: options.idPrefix ?? BATCHER_DEFAULTS.idPrefix,
  }
  const problem = valueProblem(resolved)
  return problem === undefined ? E.right(resolved) : E.left(problem)
}

const isIntegerIn = (value: number, min: number, max: number): boolean =>
  Number.isInteger(value) && value >= min && value <= max

const valueProblem = (options: ResolvedBatcherOptions): InvalidRequestError | undefined => {
  const { maxBatchSize, maxWaitMs, maxConcurrentJobs, idPrefix } = options
  if (!isIntegerIn(maxBatchSize, 1, MAX_INLINE_REQUESTS)) {
    return invalid('maxBatchSize', `an integer from 1 to ${MAX_INLINE_REQUESTS}`, maxBatchSize)
  }
  const wait = durationProblem(maxWaitMs, 'maxWaitMs', 'nonNegative')
  if (wait !== undefined) return new InvalidRequestError(wait, { field: 'maxWaitMs' })
  if (maxConcurrentJobs !== Infinity && !isIntegerIn(maxConcurrentJobs, 1, Infinity)) {
    return invalid('maxConcurrentJobs', 'a positive integer or Infinity', maxConcurrentJobs)
  }
  return typeof idPrefix === 'string' ? undefined : invalid('idPrefix', 'a string', idPrefix)
}

const invalid = (field: keyof BatcherOptions, expected: string, got: unknown) =>
  new InvalidRequestError(`${field} must be ${expected}, got ${String(got)}`, { field })
