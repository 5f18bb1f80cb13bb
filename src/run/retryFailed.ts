// The retryFailed option of runBatch$ and resumeBatch$: which result rows are sent again, how often,
// and the metadata entry that tells a job's round, so that a resumed run knows where it stands.
import * as E from 'fp-ts/Either'
import type { ResultLine } from '../batch/resultLine.js'
import { isRetryableResult } from '../codecs/isRetryableResult.js'
import type { InvalidRequestError } from '../errors/InvalidRequestError.js'
import { invalid } from '../fp/either.js'
import { unknownKeyError, type KnownKeys } from '../options/knownKeys.js'

/** The option `retryFailed` of `runBatch$` and `resumeBatch$`. */
export interface RetryFailedOptions {
  /**
   * Attempts per request in all, the first included: `2` sends a failed request once more. Each
   * attempt after the first is a round of new jobs, created once every job of the round before
   * has ended, so a round costs the time of a batch job. An integer in 1..10.
   */
  readonly maxAttempts: number
  /**
   * Whether the request a result line answers is sent again (attempts left), instead of the
   * default {@link isRetryableResult} (failed with 429 or 5xx). Called once for the first line of
   * each request in its round, succeeded or failed, except in the last round (`maxAttempts`
   * reached: nothing is sent again). A request that got no line at all (its job
   * ended `TIMEOUT_EXCEEDED`, `CANCELLED` or `FAILED` first, or the line is missing or could not
   * be read) is always sent again: `when` cannot be asked about a line that does not exist.
   * @default isRetryableResult
   */
  readonly when?: (line: ResultLine) => boolean
}

/** `RetryFailedOptions` checked, its default filled in. */
export interface ResolvedRetryFailed {
  readonly maxAttempts: number
  readonly when: (line: ResultLine) => boolean
}

/** The most attempts `maxAttempts` allows: each is a whole batch job's wait. */
const MAX_ATTEMPTS = 10

/**
 * The metadata key of a job made by a run with `retryFailed`: its value is
 * `<attempt>:<shard>/<shards>` (`2:0/3`: attempt 2, shard 0 of the round's 3 jobs).
 */
export const ATTEMPT_METADATA_KEY = 'batch_attempt'

const RETRY_KEYS: KnownKeys<RetryFailedOptions> = { maxAttempts: true, when: true }

/** `retryFailed` checked (`name` is the operation, for the messages), or its first problem. */
export const resolveRetryFailed = (
  options: RetryFailedOptions | undefined,
  name: string,
): E.Either<InvalidRequestError, ResolvedRetryFailed | undefined> => {
  if (options === undefined) return E.right(undefined)
  const field = 'retryFailed'
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return invalid(`${name}: retryFailed must be an object such as { maxAttempts: 2 }`, field)
  }
  const unknown = unknownKeyError(options, RETRY_KEYS, field)
  if (unknown !== undefined) return E.left(unknown)
  const { maxAttempts, when = isRetryableResult } = options
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
    return invalid(
      `${name}: retryFailed.maxAttempts must be an integer in 1..${MAX_ATTEMPTS} (attempts in all, the first included)`,
      `${field}.maxAttempts`,
    )
  }
  if (typeof when !== 'function') {
    return invalid(`${name}: retryFailed.when must be a function of a result line`, `${field}.when`)
  }
  return E.right({ maxAttempts, when })
}

/** Where a job stands in its run: its round, its shard in the round, the round's jobs. */
export interface JobRound {
  readonly attempt: number
  readonly shard: number
  readonly shards: number
}

/** The value of {@link ATTEMPT_METADATA_KEY} for a job. */
export const attemptTag = ({ attempt, shard, shards }: JobRound): string =>
  `${attempt}:${shard}/${shards}`

const ATTEMPT_TAG = /^([1-9][0-9]?):(0|[1-9][0-9]{0,9})\/([1-9][0-9]{0,9})$/

/** The round a job's metadata tells, or undefined for a job without a valid entry. */
export const jobRoundOf = (
  metadata: Readonly<Record<string, unknown>> | null | undefined,
): JobRound | undefined => {
  const tag = metadata?.[ATTEMPT_METADATA_KEY]
  const match = typeof tag === 'string' ? ATTEMPT_TAG.exec(tag) : null
  if (match === null) return undefined
  const [attempt, shard, shards] = match.slice(1).map(Number) as [number, number, number]
  return shard < shards ? { attempt, shard, shards } : undefined
}
