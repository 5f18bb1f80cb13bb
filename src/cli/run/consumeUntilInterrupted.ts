// Consumes an Observable until it ends or Ctrl-C arrives, whichever comes first.
import { type Observable, Subscription } from 'rxjs'

/** How a consumption ended. */
export type Consumed = 'completed' | 'interrupted'

/**
 * Subscribes to `source`, handing each value to `next`, and resolves `'completed'` when it
 * completes or `'interrupted'` at the first value of `interrupts` (then unsubscribes from
 * `source`, which aborts its requests). Rejects with the source's error. Ctrl-C is handled only
 * while this runs.
 */
export const consumeUntilInterrupted = <T>(
  source: Observable<T>,
  interrupts: Observable<unknown>,
  next: (value: T) => void,
): Promise<Consumed> =>
  new Promise<Consumed>((resolve, reject) => {
    const subscription = new Subscription()
    const end = (settle: () => void) => {
      subscription.unsubscribe()
      settle()
    }
    subscription.add(interrupts.subscribe(() => end(() => resolve('interrupted'))))
    subscription.add(
      source.subscribe({
        next: (value) => {
          try {
            next(value)
          } catch (error) {
            end(() => reject(error))
          }
        },
        error: (error: unknown) => end(() => reject(error)),
        complete: () => end(() => resolve('completed')),
      }),
    )
  })
