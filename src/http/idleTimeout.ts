// A limit on the gap between values that costs nothing per value: the hot path of a download.
import {
  Observable,
  type MonoTypeOperatorFunction,
  type SchedulerAction,
  type SchedulerLike,
} from 'rxjs'
import { clampDelay } from '../time/durations.js'

/**
 * Errors with `makeError()` once `ms` pass (on `scheduler`) with no value: from subscription to
 * the first value, and between any two; a value on the very moment of the limit still counts.
 * The same rule as rxjs `timeout({ each })`, but a value only notes the time: rxjs `timeout`
 * cancels and schedules a timer for every value, which cost about a tenth of the CPU of a
 * 100 MB download (B1). Here one check runs at a time. When it fires it fails the stream only
 * if no value came since it was set, so a clock set forward never makes a timeout early; if
 * values came, it is set again for what is left of the gap after the last one, read on the
 * scheduler's clock and kept between 1/16 of the limit and the limit: a timeout comes at most
 * 1/16 of the limit late (one limit after a clock set back), and a clock set forward costs a
 * stream a check 1/16 of the limit on, not a false timeout.
 */
export const idleTimeout =
  <T>(
    ms: number,
    scheduler: SchedulerLike,
    makeError: () => unknown,
  ): MonoTypeOperatorFunction<T> =>
  (source) =>
    new Observable<T>((subscriber) => {
      const limit = clampDelay(ms)
      let values = 0
      let lastValueAt = scheduler.now()
      const upstream = source.subscribe({
        next: (value) => {
          values++
          lastValueAt = scheduler.now()
          subscriber.next(value)
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      })
      subscriber.add(upstream)
      if (subscriber.closed) return
      subscriber.add(
        scheduler.schedule(
          function check(this: SchedulerAction<number>, valuesWhenSet = 0) {
            if (values === valuesWhenSet) {
              // the transfer is stopped before anyone hears of the timeout (a retry starts anew)
              upstream.unsubscribe()
              subscriber.error(makeError())
              return
            }
            const left = limit - (scheduler.now() - lastValueAt)
            this.schedule(values, Math.min(limit, Math.max(limit / 16, left)))
          },
          limit,
          0,
        ),
      )
    })
