// Consumes an Observable until it ends or Ctrl-C arrives, whichever comes first.
import { endWith, firstValueFrom, ignoreElements, map, merge, tap, type Observable } from 'rxjs'

/** How a consumption ended. */
export type Consumed = 'completed' | 'interrupted'

/**
 * Subscribes to `source`, handing each value to `next`, and resolves `'completed'` when it
 * completes or `'interrupted'` at the first value of `interrupts` (then unsubscribes from
 * `source`, which aborts its requests). Rejects with the error of the source or of `next`.
 * Ctrl-C is handled only while this runs.
 */
export const consumeUntilInterrupted = <T>(
  source: Observable<T>,
  interrupts: Observable<unknown>,
  next: (value: T) => void,
): Promise<Consumed> =>
  firstValueFrom(
    merge(
      interrupts.pipe(map((): Consumed => 'interrupted')),
      source.pipe(tap(next), ignoreElements(), endWith<Consumed>('completed')),
    ),
  )
