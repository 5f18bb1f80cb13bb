// An Observable read as an async iterable, for the pull-based request pipeline.
import type { Observable, Subscription } from 'rxjs'

/** What an iterator takes: a value, the end, or the source's error. */
type Taken<T> = IteratorResult<T> | { readonly error: unknown }

/** The values an Observable pushed and how it ended, until an iterator takes them. */
class PushedValues<T> {
  private queue: T[] = []
  private head = 0
  private ended: { readonly error?: unknown; readonly failed: boolean } | undefined
  private waiter: ((result: Taken<T>) => void) | undefined
  private subscription: Subscription | undefined

  constructor(private readonly source: Observable<T>) {}

  next(): Promise<IteratorResult<T>> {
    this.subscription ??= this.source.subscribe({
      next: (value) => this.push(value),
      error: (error: unknown) => this.end({ error, failed: true }),
      complete: () => this.end({ failed: false }),
    })
    const ready = this.take()
    if (ready !== undefined) return settle(ready)
    return new Promise<Taken<T>>((resolve) => (this.waiter = resolve)).then(settle)
  }

  close(): Promise<IteratorResult<T>> {
    this.ended = { failed: false }
    this.queue = []
    this.head = 0
    this.subscription?.unsubscribe()
    return Promise.resolve({ value: undefined, done: true })
  }

  private push(value: T): void {
    this.queue.push(value)
    this.wake()
  }

  private end(how: { readonly error?: unknown; readonly failed: boolean }): void {
    this.ended = how
    this.wake()
  }

  private wake(): void {
    const waiter = this.waiter
    const ready = waiter === undefined ? undefined : this.take()
    if (waiter === undefined || ready === undefined) return
    this.waiter = undefined
    waiter(ready)
  }

  private take(): Taken<T> | undefined {
    if (this.head < this.queue.length) {
      const value = this.queue[this.head++] as T
      // drop the consumed front now and then, so the queue never holds what was read
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head)
        this.head = 0
      }
      return { value, done: false }
    }
    if (this.ended === undefined) return undefined
    return this.ended.failed ? { error: this.ended.error } : { value: undefined, done: true }
  }
}

const settle = <T>(result: Taken<T>): Promise<IteratorResult<T>> =>
  'error' in result ? Promise.reject(result.error) : Promise.resolve(result)

/**
 * Iterates over `source`: the first `next()` subscribes, each value is handed out in order,
 * `return()` (a `break`) unsubscribes. rxjs has no backpressure, so values that arrive faster
 * than they are pulled wait in an unbounded queue: for huge inputs prefer an (async) iterable,
 * which is only read as fast as it is consumed. Each iteration subscribes afresh.
 */
export const observableToAsyncIterable = <T>(source: Observable<T>): AsyncIterable<T> => ({
  [Symbol.asyncIterator](): AsyncIterator<T> {
    const values = new PushedValues(source)
    return { next: () => values.next(), return: () => values.close() }
  },
})
