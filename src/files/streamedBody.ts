// A multipart body streamed from an async iterable, read only as fast as fetch pulls it.
import { Observable } from 'rxjs'
import { emptyUploadError } from './emptyUpload.js'
import type { MultipartFrame } from './multipart.js'

/** What happens around a streamed body. */
export interface StreamedBodyHooks {
  /** Called whenever fetch pulls a chunk (progress, for an idle timeout). */
  readonly onPull: () => void
}

/** The iteration of a body's content, shared by its stream and the Observable sending it. */
class ContentReader {
  /** The content's own error, if reading it failed: reported rather than fetch's abort. */
  failure: { readonly error: unknown } | undefined
  private finished = false

  constructor(private readonly iterator: AsyncIterator<Uint8Array>) {}

  async next(): Promise<IteratorResult<Uint8Array>> {
    try {
      const next = await this.iterator.next()
      if (next.done === true) this.finished = true
      return next
    } catch (error) {
      this.finished = true
      this.failure = { error }
      throw error
    }
  }

  /** Stops the iteration (`return()`), unless it already ended. */
  stop(): void {
    if (this.finished) return
    this.finished = true
    this.iterator.return?.()?.catch(() => undefined)
  }
}

// `frame.head`, the first chunk, the rest pulled one chunk per pull (no read-ahead), `frame.tail`.
const bodyStream = (
  frame: MultipartFrame,
  first: Uint8Array,
  reader: ContentReader,
  hooks: StreamedBodyHooks,
): ReadableStream<Uint8Array> => {
  const queue: Uint8Array[] = [frame.head, first]
  let tailSent = false
  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        hooks.onPull()
        const queued = queue.shift()
        if (queued !== undefined) return controller.enqueue(queued)
        if (tailSent) return controller.close()
        try {
          const next = await reader.next()
          tailSent = next.done === true
          controller.enqueue(next.done === true ? frame.tail : next.value)
        } catch (error) {
          controller.error(error)
        }
      },
      cancel: () => reader.stop(),
    },
    { highWaterMark: 0 },
  )
}

/**
 * `send(body)` with a body of `frame.head`, `content` pulled a chunk per pull (no read-ahead), and
 * `frame.tail`; the first chunk is read before anything is sent, and a failing `content` is the
 * error, not fetch's abort.
 */
export const withStreamedBody$ = <A>(
  frame: MultipartFrame,
  content: AsyncIterable<Uint8Array>,
  hooks: StreamedBodyHooks,
  send: (body: ReadableStream<Uint8Array>) => Observable<A>,
): Observable<A> =>
  new Observable<A>((subscriber) => {
    const reader = new ContentReader(content[Symbol.asyncIterator]())
    const start = (first: IteratorResult<Uint8Array>): void => {
      if (subscriber.closed) return
      if (first.done === true) return subscriber.error(emptyUploadError())
      subscriber.add(
        send(bodyStream(frame, first.value, reader, hooks)).subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => subscriber.error(reader.failure?.error ?? error),
          complete: () => subscriber.complete(),
        }),
      )
    }
    hooks.onPull()
    reader
      .next()
      .then(start)
      .catch((error: unknown) => {
        if (!subscriber.closed) subscriber.error(error)
      })
    return () => reader.stop()
  })
