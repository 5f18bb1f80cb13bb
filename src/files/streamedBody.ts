// A multipart body streamed from an async iterable, read only as fast as fetch pulls it.
import { Observable } from 'rxjs'
import { emptyUploadError } from './emptyUpload.js'
import type { MultipartFrame } from './multipart.js'
import { gatheredBlob } from './requestStreams.js'

/** What happens around a streamed body. */
export interface StreamedBodyHooks {
  /** Called whenever fetch pulls a chunk, or a chunk is gathered (progress, for an idle timeout). */
  readonly onPull: () => void
}

/**
 * Where a runtime may refuse to stream a body although it passed the feature test (Chromium
 * does, to an HTTP/1.1 server): how to tell the refusal, and how to send the body whole instead.
 */
export interface StreamRefusal<A> {
  /** Whether `error`, from a send whose stream was never read, may be such a refusal. */
  readonly refused: (error: unknown) => boolean
  /** Sends the body gathered into one Blob (at most 512 MiB). */
  readonly sendWhole: (body: Blob) => Observable<A>
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
  onRead: () => void,
): ReadableStream<Uint8Array> => {
  const queue: Uint8Array[] = [frame.head, first]
  let tailSent = false
  return new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        onRead()
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
      // Fetch cancels the stream when the request fails; the Observable's teardown stops the
      // reader then, unless the body is to be sent again whole (a refusal), which needs the rest.
    },
    { highWaterMark: 0 },
  )
}

// The whole body, from what is in hand (the frame and the first chunk) and what the reader has
// left: only ever called when the stream was never read, so nothing is missing.
const wholeBody = async (
  frame: MultipartFrame,
  first: Uint8Array,
  reader: ContentReader,
  hooks: StreamedBodyHooks,
): Promise<Blob> => {
  async function* rest(): AsyncGenerator<Uint8Array> {
    yield frame.head
    yield first
    for (let next = await reader.next(); next.done !== true; next = await reader.next()) {
      hooks.onPull()
      yield next.value
    }
    yield frame.tail
  }
  return gatheredBlob(rest())
}

/**
 * `send(body)` with a body of `frame.head`, `content` pulled a chunk per pull (no read-ahead), and
 * `frame.tail`; the first chunk is read before anything is sent, and a failing `content` is the
 * error, not fetch's abort. With `refusal`, a send that fails before its stream was read at all,
 * with an error `refusal.refused` accepts, is made again with the body gathered into a Blob:
 * nothing of the content was consumed yet, so nothing is lost and nothing was sent twice.
 */
export const withStreamedBody$ = <A>(
  frame: MultipartFrame,
  content: AsyncIterable<Uint8Array>,
  hooks: StreamedBodyHooks,
  send: (body: ReadableStream<Uint8Array>) => Observable<A>,
  refusal?: StreamRefusal<A>,
): Observable<A> =>
  new Observable<A>((subscriber) => {
    const reader = new ContentReader(content[Symbol.asyncIterator]())
    const sendWhole = (first: Uint8Array): void => {
      wholeBody(frame, first, reader, hooks).then(
        (body) => {
          if (!subscriber.closed) subscriber.add(refusal?.sendWhole(body).subscribe(subscriber))
        },
        (error: unknown) => {
          if (!subscriber.closed) subscriber.error(error)
        },
      )
    }
    const start = (first: IteratorResult<Uint8Array>): void => {
      if (subscriber.closed) return
      if (first.done === true) return subscriber.error(emptyUploadError())
      let read = false
      const body = bodyStream(frame, first.value, reader, hooks, () => (read = true))
      subscriber.add(
        send(body).subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => {
            if (reader.failure !== undefined) return subscriber.error(reader.failure.error)
            if (read || refusal === undefined || !refusal.refused(error)) {
              return subscriber.error(error)
            }
            sendWhole(first.value)
          },
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
