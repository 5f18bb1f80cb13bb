// A time limit for an Observable on a scheduler, counted from subscription or from the last sign of
// progress (rxjs `timeout` measures gaps between values: an upload emits once, at the very end).
import {
  EMPTY,
  Observable,
  startWith,
  switchMap,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs'
import { boundedTimer } from '../time/boundedTimer.js'

/**
 * Errors with `makeError()` once `ms` pass (on `scheduler`) since subscription, or since the
 * last event of `progress$` when one is given: a total limit, or an idle one.
 */
export const timeoutAfter =
  <T>(
    ms: number,
    scheduler: SchedulerLike,
    makeError: () => unknown,
    progress$: Observable<unknown> = EMPTY,
  ): MonoTypeOperatorFunction<T> =>
  (source) =>
    new Observable<T>((subscriber) => {
      const deadline$ = progress$.pipe(
        startWith(undefined),
        switchMap(() => boundedTimer(ms, scheduler)),
      )
      subscriber.add(deadline$.subscribe(() => subscriber.error(makeError())))
      subscriber.add(source.subscribe(subscriber))
    })
