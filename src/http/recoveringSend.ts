// A send unsafe to repeat, recovered after an ambiguous failure by looking for what it may have made.
import {
  catchError,
  concatMap,
  defaultIfEmpty,
  defer,
  of,
  take,
  throwError,
  type Observable,
} from 'rxjs'
import { isHttpError } from '../errors/index.js'
import type { HttpContext } from './HttpContext.js'
import { isProvablyUnprocessed, isRetryableError } from './retryPolicy.js'
import { retryDelay } from './retryTiming.js'
import { boundedTimer } from '../time/boundedTimer.js'

/**
 * How far before the first attempt a found resource may have been created: the server's clock
 * may lag ours, and `created_at` is in whole seconds.
 */
export const RECOVERY_CLOCK_SKEW_MS = 5 * 60_000

/** A failure after which the server may or may not have acted on the request. */
export const isAmbiguousFailure = (error: unknown): boolean =>
  isRetryableError(error) && !isProvablyUnprocessed(error)

/** What {@link recoveringSend$} sends and how it finds what a failed attempt may have made. */
export interface RecoveringSend<A> {
  /** One attempt, which must not retry by itself; called afresh for each attempt. */
  readonly send: () => Observable<A>
  /**
   * What the attempt that failed with `error` may have made: emits it, or completes empty when
   * there is none.
   */
  readonly find: (error: unknown) => Observable<A>
  /**
   * Whether another attempt may be sent (content read once cannot be).
   * @default always
   */
  readonly canResend?: () => boolean
}

const NOT_FOUND: unique symbol = Symbol('not found')

/** The first value `find$` gives; if it gives none, everything `otherwise$` gives. */
const findOr$ = <A>(find$: Observable<A>, otherwise$: Observable<A>): Observable<A> =>
  find$.pipe(
    take(1),
    defaultIfEmpty<A, typeof NOT_FOUND>(NOT_FOUND),
    concatMap((found) => (found === NOT_FOUND ? otherwise$ : of(found))),
  )

/**
 * An Observable that, when subscribed, runs `send()` and mirrors it. A failure proving nothing was
 * processed is sent again after the policy's delay; after an ambiguous one (timeout, reset, 500,
 * 502, 504...) it waits the same delay, then emits what `find` finds, sending again only if
 * there is nothing. When `canResend()` says no, the failure is signalled instead of a new
 * attempt. At most `retry.maxRetries` retries in all. Something the server makes only after the
 * lookup cannot be seen by it: the wait before looking is what makes that unlikely.
 */
export const recoveringSend$ = <A>(ctx: HttpContext, how: RecoveringSend<A>): Observable<A> =>
  defer(() => {
    const { scheduler, retry } = ctx.config
    const attempt = (retriesDone: number): Observable<A> =>
      how.send().pipe(
        catchError((error: unknown) => {
          const unprocessed = isProvablyUnprocessed(error)
          const resendable = how.canResend?.() ?? true
          const recoverable = (unprocessed && resendable) || isAmbiguousFailure(error)
          if (!recoverable || retriesDone >= retry.maxRetries) return throwError(() => error)
          const retryAfterMs = isHttpError(error) ? error.retryAfterMs : undefined
          const next$ = resendable ? defer(() => attempt(retriesDone + 1)) : throwError(() => error)
          return boundedTimer(retryDelay(retriesDone + 1, retryAfterMs, retry), scheduler).pipe(
            concatMap(() => (unprocessed ? next$ : findOr$(how.find(error), next$))),
          )
        }),
      )
    return attempt(0)
  })
