// An idle timeout driven by progress events rather than by emitted values.
import {
  Observable,
  startWith,
  switchMap,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs'
import { boundedTimer } from '../time/boundedTimer.js'

/**
 * Mirrors the source, but errors with `makeError()` once `ms` pass (on `scheduler`) without an
 * event on `progress$`; the clock starts at subscription. For a request whose progress shows
 * in its body being read, not in values (an upload emits once, at the very end).
 */
export const idleTimeout =
  <T>(
    progress$: Observable<unknown>,
    ms: number,
    scheduler: SchedulerLike,
    makeError: () => unknown,
  ): MonoTypeOperatorFunction<T> =>
  (source) =>
    new Observable<T>((subscriber) => {
      const watchdog = progress$
        .pipe(
          startWith(undefined),
          switchMap(() => boundedTimer(ms, scheduler)),
        )
        .subscribe(() => subscriber.error(makeError()))
      subscriber.add(watchdog)
      subscriber.add(source.subscribe(subscriber))
    })
