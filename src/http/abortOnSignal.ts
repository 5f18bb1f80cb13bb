import { Observable, type MonoTypeOperatorFunction } from 'rxjs'

/**
 * Mirrors the source until `signal` aborts, then unsubscribes from it (which aborts its fetch
 * and timers) and errors with `makeError()`. The listener is removed on teardown.
 */
export const abortOnSignal =
  <T>(signal: AbortSignal | undefined, makeError: () => unknown): MonoTypeOperatorFunction<T> =>
  (source) =>
    signal === undefined
      ? source
      : new Observable<T>((subscriber) => {
          if (signal.aborted) {
            subscriber.error(makeError())
            return
          }
          const onAbort = (): void => subscriber.error(makeError())
          signal.addEventListener('abort', onAbort, { once: true })
          const subscription = source.subscribe(subscriber)
          return () => {
            signal.removeEventListener('abort', onAbort)
            subscription.unsubscribe()
          }
        })
