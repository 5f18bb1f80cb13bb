// An Observable read as an async iterable, for the pull-based request pipeline.
import type { Observable, Subscription } from 'rxjs'

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true }

/** How the source ended: completed, or failed with `error`. */
interface Ending {
  readonly error?: unknown
  readonly failed: boolean
}

/**
 * `source` as an async iterable, subscribed afresh by each iteration. rxjs has no backpressure:
 * values pushed faster than they are pulled wait in an unbounded queue (prefer an iterable).
 */
export const observableToAsyncIterable = <T>(source: Observable<T>): AsyncIterable<T> => ({
  [Symbol.asyncIterator](): AsyncIterator<T> {
    let queue: T[] = []
    let head = 0
    let ended: Ending | undefined
    let wake: (() => void) | undefined
    let subscription: Subscription | undefined
    const notify = (): void => {
      const waiter = wake
      wake = undefined
      waiter?.()
    }
    const end = (how: Ending): void => {
      ended = how
      notify()
    }
    const next = async (): Promise<IteratorResult<T>> => {
      subscription ??= source.subscribe({
        next: (value) => {
          queue.push(value)
          notify()
        },
        error: (error: unknown) => end({ error, failed: true }),
        complete: () => end({ failed: false }),
      })
      while (head >= queue.length && ended === undefined) {
        await new Promise<void>((resolve) => (wake = resolve))
      }
      if (head >= queue.length) {
        if (ended?.failed === true) throw ended.error
        return DONE
      }
      const value = queue[head++] as T
      // drop the consumed front now and then, so the queue never holds what was read
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head)
        head = 0
      }
      return { value, done: false }
    }
    const close = async (): Promise<IteratorResult<T>> => {
      queue = []
      head = 0
      subscription?.unsubscribe()
      end({ failed: false })
      return DONE
    }
    return { next, return: close }
  },
})
