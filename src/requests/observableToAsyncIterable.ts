// An Observable read as an async iterable, for the pull-based upload path.
import type { Observable, Subscription } from 'rxjs'

interface Waiter<T> {
  readonly resolve: (result: IteratorResult<T>) => void
  readonly reject: (error: unknown) => void
}

/**
 * Iterates over `source`: the first `next()` subscribes, each value is handed out in order,
 * `return()` (a `break`) unsubscribes. rxjs has no backpressure, so values that arrive faster
 * than they are pulled wait in an unbounded queue: for huge inputs prefer an (async) iterable,
 * which is only read as fast as it is consumed. Each iteration subscribes afresh.
 */
export const observableToAsyncIterable = <T>(source: Observable<T>): AsyncIterable<T> => ({
  [Symbol.asyncIterator](): AsyncIterator<T> {
    let queue: T[] = []
    let head = 0
    let ended = false
    let failure: { readonly error: unknown } | undefined
    let waiter: Waiter<T> | undefined
    let subscription: Subscription | undefined

    const take = (): IteratorResult<T> | undefined => {
      if (head < queue.length) {
        const value = queue[head] as T
        head++
        // drop the consumed front now and then, so the queue never holds what was read
        if (head > 1024 && head * 2 > queue.length) {
          queue = queue.slice(head)
          head = 0
        }
        return { value, done: false }
      }
      return ended && failure === undefined ? { value: undefined, done: true } : undefined
    }

    const settle = (): void => {
      if (waiter === undefined) return
      const current = waiter
      const result = take()
      if (result !== undefined) {
        waiter = undefined
        current.resolve(result)
      } else if (failure !== undefined) {
        waiter = undefined
        current.reject(failure.error)
      }
    }

    return {
      next: () =>
        new Promise<IteratorResult<T>>((resolve, reject) => {
          waiter = { resolve, reject }
          subscription ??= source.subscribe({
            next: (value) => {
              queue.push(value)
              settle()
            },
            error: (error: unknown) => {
              ended = true
              failure = { error }
              settle()
            },
            complete: () => {
              ended = true
              settle()
            },
          })
          settle()
        }),
      return: () => {
        ended = true
        queue = []
        head = 0
        subscription?.unsubscribe()
        return Promise.resolve({ value: undefined, done: true })
      },
    }
  },
})
