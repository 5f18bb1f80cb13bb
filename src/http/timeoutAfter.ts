// A total time limit for an Observable, on a scheduler (rxjs `timeout` measures gaps between values).
import { Observable, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs'
import { clampDelay } from '../time/durations.js'

/** Errors with `makeError()` if the source has not finished `ms` after subscription. */
export const timeoutAfter =
  <T>(
    ms: number,
    scheduler: SchedulerLike,
    makeError: () => unknown,
  ): MonoTypeOperatorFunction<T> =>
  (source) =>
    new Observable<T>((subscriber) => {
      const deadline = scheduler.schedule(() => subscriber.error(makeError()), clampDelay(ms))
      const subscription = source.subscribe(subscriber)
      return () => {
        deadline.unsubscribe()
        subscription.unsubscribe()
      }
    })
