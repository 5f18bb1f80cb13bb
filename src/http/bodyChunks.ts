// Reading a response body chunk by chunk inside an Observable, so unsubscribing stops the transfer.
import { defer, endWith, ignoreElements, map, Observable, takeWhile, type Subscriber } from 'rxjs'
import { networkErrorFrom, type RequestOrigin } from './networkErrorFrom.js'

/** A response body: a web `ReadableStream` or, from Node ponyfills, an async iterable of chunks. */
type BodySource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | null

const UNKNOWN_ORIGIN: RequestOrigin = { method: 'GET', url: '[response body]' }

/** A pull-based view of either body kind: `pull` the next chunk, `stop` early. */
interface ChunkSource {
  readonly pull: () => Promise<{ readonly done?: boolean; readonly value?: Uint8Array }>
  readonly stop: () => Promise<unknown> | undefined
}

const chunkSource = (body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>): ChunkSource => {
  if ('getReader' in body) {
    const reader = body.getReader()
    return { pull: () => reader.read(), stop: () => reader.cancel() }
  }
  const iterator = body[Symbol.asyncIterator]()
  return { pull: () => iterator.next(), stop: () => iterator.return?.() }
}

/** Reads `source` into `subscriber` while it is open; returns the function that stops it. */
const pump = (
  source: ChunkSource,
  subscriber: Subscriber<Uint8Array>,
  fail: (error: unknown) => void,
): (() => void) => {
  let finished = false
  const step = (): void => {
    source.pull().then(
      (result) => {
        if (finished) return
        if (result.done === true) {
          finished = true
          subscriber.complete()
          return
        }
        if (result.value !== undefined) subscriber.next(result.value)
        if (!subscriber.closed) step()
      },
      (error: unknown) => {
        if (finished) return
        finished = true
        fail(error)
      },
    )
  }
  step()
  return () => {
    if (finished) return
    finished = true
    source.stop()?.catch(() => undefined)
  }
}

/**
 * The chunks of a body as they arrive, one value each, read with `getReader()` when present and
 * async iteration otherwise. Unsubscribing (or `signal` aborting) cancels the reader; a failure
 * while reading is a `NetworkError` (`origin` names the request in its message).
 */
export const bodyChunks$ = (
  body: BodySource,
  signal?: AbortSignal,
  origin: RequestOrigin = UNKNOWN_ORIGIN,
): Observable<Uint8Array> =>
  new Observable<Uint8Array>((subscriber) => {
    if (body === null) {
      subscriber.complete()
      return
    }
    if (signal?.aborted === true) {
      subscriber.error(
        networkErrorFrom(signal.reason, origin, 'was aborted before reading the body'),
      )
      return
    }
    const cancel = pump(chunkSource(body), subscriber, (error) =>
      subscriber.error(networkErrorFrom(error, origin, 'broke off while reading the body')),
    )
    const onAbort = (): void => {
      cancel()
      subscriber.error(
        networkErrorFrom(signal?.reason, origin, 'was aborted while reading the body'),
      )
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    return () => {
      signal?.removeEventListener('abort', onAbort)
      cancel()
    }
  })

/**
 * The body as UTF-8 text; with `maxBytes`, reading stops there (the rest cancelled), the text cut
 * or, with `tooLarge`, the read failing with what it makes.
 */
export const readText$ = (
  body: BodySource,
  signal?: AbortSignal,
  origin: RequestOrigin = UNKNOWN_ORIGIN,
  maxBytes = Number.POSITIVE_INFINITY,
  tooLarge?: () => unknown,
): Observable<string> =>
  defer(() => {
    const decoder = new TextDecoder()
    const pieces: string[] = []
    let bytes = 0
    return bodyChunks$(body, signal, origin).pipe(
      takeWhile((chunk) => {
        bytes += chunk.byteLength
        if (bytes > maxBytes && tooLarge !== undefined) throw tooLarge()
        pieces.push(decoder.decode(chunk, { stream: true }))
        // with tooLarge, a body of exactly maxBytes is read to its end: only more is refused
        return tooLarge !== undefined || bytes < maxBytes
      }),
      ignoreElements(),
      // the final decode() flushes a character whose bytes ended the last chunk
      endWith(undefined),
      map(() => pieces.join('') + decoder.decode()),
    )
  })
