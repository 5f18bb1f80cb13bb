// The retry policy: which failures are retried, and the one operator that applies the timing.
import {
  identity,
  retry,
  throwError,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs'
import type { ResolvedRetryOptions } from '../config.js'
import { isHttpError, isNetworkError, isTimeoutError } from '../errors/index.js'
import { ABORTED_BY_CALLER } from '../errors/NetworkError.js'
import { retryDelay } from './retryTiming.js'
import { boundedTimer } from '../time/boundedTimer.js'

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 429, 500, 502, 503, 504])

/**
 * Whether a failure is worth retrying for an operation that is safe to repeat: HTTP 408, 409,
 * 429, 500, 502, 503, 504, a network failure (not the caller's own abort) or a timeout. A decode
 * error, an invalid request or an unknown error (a bug) never is.
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

/**
 * How an operation may be retried: `'safe'` (idempotent: every retryable failure), `'unsafe'`
 * (only failures that prove nothing was processed), `'none'`.
 */
export type RetryMode = 'safe' | 'unsafe' | 'none'

/** Options of {@link retryWithPolicy}. */
export interface RetryWithPolicyOptions {
  /** The retry timing. */
  readonly retry: ResolvedRetryOptions
  /** The scheduler of the delays. */
  readonly scheduler: SchedulerLike
  /** Which failures are retried. */
  readonly mode: RetryMode
  /** Asked before each retry; a stream that already delivered data answers `false`. */
  readonly canRetry?: () => boolean
}

/**
 * Resubscribes to the source after a retryable failure (per `mode`), waiting the server's
 * Retry-After (capped) or the jittered backoff on the scheduler, at most `retry.maxRetries` times.
 * Any other failure, or the last one, goes through unchanged.
 */
export const retryWithPolicy = <T>(
  options: RetryWithPolicyOptions,
): MonoTypeOperatorFunction<T> => {
  if (options.mode === 'none' || options.retry.maxRetries === 0) return identity
  const shouldRetry = options.mode === 'safe' ? isRetryableError : isProvablyUnprocessed
  return retry({
    count: options.retry.maxRetries,
    delay: (error: unknown, attempt: number) =>
      shouldRetry(error) && (options.canRetry?.() ?? true)
        ? boundedTimer(
            retryDelay(attempt, isHttpError(error) ? error.retryAfterMs : undefined, options.retry),
            options.scheduler,
          )
        : throwError(() => error),
  })
}
