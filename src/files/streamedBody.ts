// A multipart body streamed from an async iterable, read only as fast as fetch pulls it.
import { Observable } from 'rxjs'
import { emptyUploadError } from './emptyUpload.js'
import type { MultipartFrame } from './multipart.js'

/** What happens around a streamed body. */
export interface StreamedBodyHooks {
  /** Called whenever fetch pulls a chunk (progress, for an idle timeout). */
  readonly onPull: () => void
}

/**
 * An Observable that, when subscribed, reads the first chunk of `content` (so a bad first
 * request fails before anything is sent), then subscribes to `send(body)` with a
 * `ReadableStream` of `frame.head`, the rest of `content` pulled chunk by chunk as fetch asks
 * for it (no read-ahead: memory stays flat), and `frame.tail`. If reading `content` fails, the
 * stream errors (fetch then aborts the request) and this Observable errors with the content's
 * own error rather than fetch's. Content that ends before its first chunk is an
 * `InvalidRequestError`, nothing sent. Unsubscribing stops the iteration (`return()`).
 */
export const withStreamedBody$ = <A>(
  frame: MultipartFrame,
  content: AsyncIterable<Uint8Array>,
  hooks: StreamedBodyHooks,
  send: (body: ReadableStream<Uint8Array>) => Observable<A>,
): Observable<A> =>
  new Observable<A>((subscriber) => {
    const iterator = content[Symbol.asyncIterator]()
    let contentFailure: { readonly error: unknown } | undefined
    let finished = false
    const stop = (): void => {
      if (finished) return
      finished = true
      iterator.return?.()?.catch(() => undefined)
    }

    const start = (first: IteratorYieldResult<Uint8Array>): void => {
      const queue: Uint8Array[] = [frame.head, first.value]
      let tailSent = false
      const body = new ReadableStream<Uint8Array>(
        {
          pull: async (controller) => {
            hooks.onPull()
            const queued = queue.shift()
            if (queued !== undefined) return controller.enqueue(queued)
            if (tailSent) return controller.close()
            try {
              const next = await iterator.next()
              if (next.done === true) {
                finished = true
                tailSent = true
                controller.enqueue(frame.tail)
              } else {
                controller.enqueue(next.value)
              }
            } catch (error) {
              finished = true
              contentFailure = { error }
              controller.error(error)
            }
          },
          cancel: stop,
        },
        { highWaterMark: 0 },
      )
      subscriber.add(
        send(body).subscribe({
          next: (value) => subscriber.next(value),
          error: (error: unknown) => subscriber.error(contentFailure?.error ?? error),
          complete: () => subscriber.complete(),
        }),
      )
    }

    hooks.onPull()
    iterator.next().then(
      (first) => {
        if (subscriber.closed) return
        if (first.done === true) {
          finished = true
          subscriber.error(emptyUploadError())
          return
        }
        try {
          start(first)
        } catch (error) {
          subscriber.error(error)
        }
      },
      (error: unknown) => {
        finished = true
        if (!subscriber.closed) subscriber.error(error)
      },
    )
    return stop
  })
