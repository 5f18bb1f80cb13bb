// Reads the input requests of a run one at a time, whatever their source, with a look-ahead.
import * as E from 'fp-ts/Either'
import { isObservable, type Observable } from 'rxjs'
import type { BatchRequestInput } from '../batch/createBatchJobInput.js'
import { InvalidRequestError } from '../errors/InvalidRequestError.js'
import type { BodyCheck } from './bodyCheck.js'
import { observableToAsyncIterable } from './observableToAsyncIterable.js'
import { prepareRequest, type CustomIdOf, type PreparedRequest } from './preparedRequest.js'

/** The requests of a run: an array, an iterable, an async iterable or an Observable. */
export type RunRequests =
  | ReadonlyArray<BatchRequestInput>
  | Iterable<BatchRequestInput>
  | AsyncIterable<BatchRequestInput>
  | Observable<BatchRequestInput>

interface PullSource {
  next(): IteratorResult<unknown> | Promise<IteratorResult<unknown>>
  /** Whether `next()` answers at once (an array, an iterable), never with a Promise. */
  readonly sync: boolean
  close(): void
  /** Arrays only: go back to `index`, so an upload can be sent again. */
  readonly seek?: (index: number) => void
}

const DONE: IteratorResult<unknown> = { done: true, value: undefined }

const arraySource = (array: ReadonlyArray<unknown>): PullSource => {
  let at = 0
  return {
    next: () => (at < array.length ? { done: false, value: array[at++] } : DONE),
    sync: true,
    close: () => undefined,
    seek: (index) => {
      at = index
    },
  }
}

const iteratorSource = (
  iterator: Iterator<unknown> | AsyncIterator<unknown>,
  sync = false,
): PullSource => ({
  next: () => iterator.next(),
  sync,
  close: () => {
    const closing = iterator.return?.()
    if (closing instanceof Promise) closing.catch(() => undefined)
  },
})

const hasMethod = (u: object, key: PropertyKey): boolean =>
  typeof (u as Record<PropertyKey, unknown>)[key] === 'function'

const openSource = (input: RunRequests): PullSource => {
  if (Array.isArray(input)) return arraySource(input)
  if (typeof input === 'object' && input !== null) {
    if (isObservable(input)) {
      return iteratorSource(observableToAsyncIterable(input)[Symbol.asyncIterator]())
    }
    if (hasMethod(input, Symbol.asyncIterator)) {
      return iteratorSource((input as AsyncIterable<unknown>)[Symbol.asyncIterator]())
    }
    if (hasMethod(input, Symbol.iterator)) {
      return iteratorSource((input as Iterable<unknown>)[Symbol.iterator](), true)
    }
  }
  throw new InvalidRequestError(
    'runBatch$: requests must be an array, an iterable, an async iterable or an Observable',
    { field: 'requests' },
  )
}

/** What `RequestCursor.peekNow` gives when the next request can only be had by waiting. */
export const NOT_READY: unique symbol = Symbol('not ready')

/**
 * The input requests in order, each prepared when first read; only an array can `seek` back. The
 * first failure is kept in `failure`, to report it rather than the upload abort it caused.
 */
export class RequestCursor {
  private readonly source: PullSource
  private buffer: PreparedRequest[] = []
  private head = 0
  private ended = false
  private takenCount = 0
  failure: { readonly error: unknown } | undefined

  /**
   * Throws an `InvalidRequestError` at once when `input` is not a source of requests. Each body
   * is checked with `checkBody` as it is read, when given (an array checked whole needs none).
   */
  constructor(
    input: RunRequests,
    private readonly customIdOf: CustomIdOf,
    private readonly maxLineBytes: number,
    private readonly checkBody?: BodyCheck,
  ) {
    this.source = openSource(input)
  }

  /** The index of the next request `take` consumes. */
  get position(): number {
    return this.takenCount
  }

  /** Whether `seek` can go back (the input is an array). */
  get replayable(): boolean {
    return this.source.seek !== undefined
  }

  /** The next request, without consuming it; undefined at the end of the input. */
  async peek(): Promise<PreparedRequest | undefined> {
    if (this.head < this.buffer.length) return this.buffer[this.head]
    return (await this.pull()) ? this.buffer[this.head] : undefined
  }

  /**
   * `peek` without waiting where no wait is needed: a request already read ahead, or one from a
   * source that answers at once (an array, an iterable); `NOT_READY` when only `peek` can tell.
   * A million requests read this way save a million promise hops.
   */
  peekNow(): PreparedRequest | undefined | typeof NOT_READY {
    if (this.head < this.buffer.length) return this.buffer[this.head]
    if (this.ended) return undefined
    if (!this.source.sync) return NOT_READY
    let next: IteratorResult<unknown>
    try {
      next = this.source.next() as IteratorResult<unknown>
    } catch (error) {
      return this.fail(error)
    }
    return this.accept(next) ? this.buffer[this.head] : undefined
  }

  /** Consumes the request `peek` returned. */
  take(): void {
    if (this.head >= this.buffer.length) throw new RangeError('take() without a peeked request')
    this.head++
    this.takenCount++
    if (this.head === this.buffer.length) {
      this.buffer = []
      this.head = 0
    }
  }

  /** Reads ahead until `count` requests wait or the input ends; returns how many wait. */
  async lookahead(count: number): Promise<number> {
    while (this.buffer.length - this.head < count && (await this.pull()));
    return this.buffer.length - this.head
  }

  /** Goes back (or forward) to the request at `index`. Throws unless `replayable`. */
  seek(index: number): void {
    if (this.source.seek === undefined) {
      throw new InvalidRequestError(
        'runBatch$: the upload has to be sent again but the requests were a one-shot stream; ' +
          'pass an array to let uploads retry',
        { field: 'requests' },
      )
    }
    this.source.seek(index)
    this.buffer = []
    this.head = 0
    this.ended = false
    this.takenCount = index
  }

  /** Stops reading the source (an async iterable's `return()`, an Observable's unsubscribe). */
  close(): void {
    this.ended = true
    this.source.close()
  }

  private async pull(): Promise<boolean> {
    if (this.ended) return false
    let next: IteratorResult<unknown>
    try {
      next = await this.source.next()
    } catch (error) {
      return this.fail(error)
    }
    return this.accept(next)
  }

  /** Prepares and buffers the request `next` read, or tells the end of the input. */
  private accept(next: IteratorResult<unknown>): boolean {
    try {
      if (next.done === true) {
        this.ended = true
        return false
      }
      const index = this.takenCount + this.buffer.length - this.head
      const prepared = prepareRequest(
        next.value,
        index,
        this.customIdOf,
        this.maxLineBytes,
        this.checkBody,
      )
      if (E.isLeft(prepared)) throw prepared.left
      this.buffer.push(prepared.right)
      return true
    } catch (error) {
      return this.fail(error)
    }
  }

  private fail(error: unknown): never {
    this.failure ??= { error }
    this.ended = true
    throw error
  }
}
