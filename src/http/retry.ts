// The one retry operator: which failures are retried, after what wait, and the two hooks of the
// operations that need more than a resubscription: a stream that resumes and a send that recovers.
import {
  catchError,
  concatMap,
  defaultIfEmpty,
  identity,
  of,
  retry,
  take,
  throwError,
  type MonoTypeOperatorFunction,
  type Observable,
} from 'rxjs'
import type { ResolvedConfig } from '../config.js'
import { isHttpError, isNetworkError, isTimeoutError } from '../errors/index.js'
import { ABORTED_BY_CALLER } from '../errors/NetworkError.js'
import { boundedTimer } from '../time/boundedTimer.js'
import { retryDelay } from './retryTiming.js'

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504])

/**
 * Whether a failure is worth retrying for an operation safe to repeat: a retryable status, a
 * network failure (not the caller's own abort) or a timeout; never a decode error, an invalid
 * request or an unknown error (a bug).
 */
export const isRetryableError = (error: unknown): boolean => {
  if (isHttpError(error)) return RETRYABLE_STATUSES.has(error.status)
  if (isNetworkError(error)) return error.code !== ABORTED_BY_CALLER
  return isTimeoutError(error)
}

/**
 * Whether a failure proves the server did not act on the request, so even an operation that is
 * unsafe to repeat (a create) may be retried: 429, 503 with a Retry-After, or a connection
 * refused before anything was sent.
 */
export const isProvablyUnprocessed = (error: unknown): boolean => {
  if (isHttpError(error)) {
    return error.status === 429 || (error.status === 503 && error.retryAfterMs !== undefined)
  }
  return isNetworkError(error) && error.code === 'ECONNREFUSED'
}

/** A failure after which the server may or may not have acted on the request. */
export const isAmbiguousFailure = (error: unknown): boolean =>
  isRetryableError(error) && !isProvablyUnprocessed(error)

/** The wait the server asked for with a failure, if it did. */
export const retryAfterOf = (error: unknown): number | undefined =>
  isHttpError(error) ? error.retryAfterMs : undefined

/**
 * How far before the first attempt a recovered resource may have been created: the server's
 * clock may lag ours, and `created_at` is in whole seconds.
 */
export const RECOVERY_CLOCK_SKEW_MS = 5 * 60_000

/**
 * How an operation may be retried: `'safe'` (idempotent: every retryable failure), `'unsafe'`
 * (only failures that prove nothing was processed), `'none'`.
 */
export type RetryMode = 'safe' | 'unsafe' | 'none'

/** What one operation's retries may do. */
export interface RetryPolicy<T> {
  readonly mode: RetryMode
  /** The most retries; the config's `retry.maxRetries` when absent. */
  readonly count?: number
  /** Count failures in a row only: a value emitted starts the count again (a resumed stream). */
  readonly resetOnValue?: boolean
  /** Asked before each new attempt; content that can be read only once answers `false`. */
  readonly canRetry?: () => boolean
  /**
   * The recover hook: after an ambiguous failure (even in `'unsafe'` mode) and the same wait,
   * what the failed attempt may have made, emitted (it becomes the result) or empty (a new
   * attempt is sent, if `canRetry` allows).
   */
  readonly recover?: (error: unknown) => Observable<T>
}

/** A value found by the recover hook, carried out of rxjs' `retry` to become the result. */
class Recovered<T> {
  constructor(readonly value: T) {}
}

const NOT_FOUND: unique symbol = Symbol('not found')

/**
 * Resubscribes to the source after a failure `policy` retries, at most `count` times, waiting the
 * server's Retry-After (capped) or the jittered backoff on the config's scheduler; with `recover`,
 * a last ambiguous failure is looked up once more (sending nothing) before it is given up. The one
 * place the library retries: each operation applies it once (see docs/errors-and-retries.md).
 */
export const retrying = <T>(
  config: Pick<ResolvedConfig, 'retry' | 'scheduler'>,
  policy: RetryPolicy<T>,
): MonoTypeOperatorFunction<T> => {
  const count = policy.count ?? config.retry.maxRetries
  const { recover } = policy
  if (policy.mode === 'none' || (count === 0 && recover === undefined)) return identity
  const shouldRetry = policy.mode === 'safe' ? isRetryableError : isProvablyUnprocessed
  // Errors already looked up; the last one is looked up once more before it is given up.
  const lookedUp = new WeakSet<object>()
  const waited$ = (error: unknown, attempt: number) =>
    boundedTimer(retryDelay(attempt, retryAfterOf(error), config.retry), config.scheduler)
  const lookup$ = (error: unknown, attempt: number) =>
    waited$(error, attempt).pipe(
      concatMap(() => {
        if (typeof error === 'object' && error !== null) lookedUp.add(error)
        return recover!(error).pipe(take(1), defaultIfEmpty(NOT_FOUND))
      }),
    )
  const lastChance = (error: unknown): Observable<T> =>
    recover === undefined ||
    !isAmbiguousFailure(error) ||
    (typeof error === 'object' && error !== null && lookedUp.has(error))
      ? throwError(() => error)
      : lookup$(error, count + 1).pipe(
          concatMap((found) => (found === NOT_FOUND ? throwError(() => error) : of(found))),
        )
  return (source) =>
    source.pipe(
      count === 0
        ? identity
        : retry({
            count,
            resetOnSuccess: policy.resetOnValue === true,
            delay: (error: unknown, attempt: number) => {
              const again = policy.canRetry?.() ?? true
              const recovering = recover !== undefined && isAmbiguousFailure(error)
              if (!recovering && !(again && shouldRetry(error))) return throwError(() => error)
              if (!recovering) return waited$(error, attempt)
              return lookup$(error, attempt).pipe(
                concatMap((found) => {
                  if (found !== NOT_FOUND) return throwError(() => new Recovered(found))
                  return again ? of(found) : throwError(() => error)
                }),
              )
            },
          }),
      catchError((error: unknown) =>
        error instanceof Recovered ? of(error.value as T) : lastChance(error),
      ),
    )
}
