// A limit on the gap between values that costs nothing per value: the hot path of a download.
import {
  asyncScheduler,
  Observable,
  type MonoTypeOperatorFunction,
  type SchedulerAction,
  type SchedulerLike,
} from 'rxjs'
import { clampDelay } from '../time/durations.js'

// The clock the gaps are measured on: monotonic for real time, the scheduler's own otherwise
// (a TestScheduler's virtual frames).
const clockOf = (scheduler: SchedulerLike): (() => number) =>
  scheduler === asyncScheduler && typeof performance !== 'undefined'
    ? () => performance.now()
    : () => scheduler.now()

/**
 * Errors with `makeError()` once `ms` pass (on `scheduler`) with no value: from subscription to
 * the first value, and between any two. The same rule as rxjs `timeout({ each })`, but a value
 * only notes the time: rxjs `timeout` cancels and schedules a timer for every value, a tenth of
 * the cost of a 64 KB chunk of a download. One timer runs; when it fires early (values came
 * since), it is set again for what is left of the gap after the last value. On the real
 * clock (`asyncScheduler`) the gap is measured on the monotonic `performance.now()`, as the
 * timer itself is, so a wall clock set forward or back never makes a timeout early or late.
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
      const now = clockOf(scheduler)
      let lastValueAt = now()
      subscriber.add(
        scheduler.schedule(function check(this: SchedulerAction<undefined>) {
          // a clock that went back counts as no time passed (never an early timeout)
          const idle = Math.max(0, now() - lastValueAt)
          if (idle >= limit) subscriber.error(makeError())
          else this.schedule(undefined, limit - idle)
        }, limit),
      )
      subscriber.add(
        source.subscribe({
          next: (value) => {
            lastValueAt = now()
            subscriber.next(value)
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        }),
      )
    })
