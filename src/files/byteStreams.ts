// Raw byte sources of an upload: a web ReadableStream, or a source opened afresh per attempt.

/** Raw bytes that can be read again for each attempt, such as a file on disk. */
export interface ReopenableBytes {
  /** Opens the bytes from the start; called once per attempt, so a failed upload may retry. */
  readonly openBytes: () => ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>
}

/** Whether `u` is a web `ReadableStream`. */
export const isReadableStream = (u: unknown): u is ReadableStream<Uint8Array> =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as { getReader?: unknown }).getReader === 'function'

/** Whether `u` is a {@link ReopenableBytes}. */
export const isReopenableBytes = (u: unknown): u is ReopenableBytes =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as { openBytes?: unknown }).openBytes === 'function'

/**
 * `iterator`, calling `close()` once it ends, fails, or is stopped; a stop closes first, since a
 * generator's own `return()` waits behind a pending `next()` (a quiet source would stay open).
 */
export const closingOnReturn = <T>(
  iterator: AsyncIterator<T>,
  close: () => unknown,
): AsyncIterableIterator<T> => {
  let closed = false
  const closeOnce = async (): Promise<void> => {
    if (closed) return
    closed = true
    await close()
  }
  return {
    next: async () => {
      try {
        const next = await iterator.next()
        if (next.done === true) await closeOnce()
        return next
      } catch (error) {
        await closeOnce()
        throw error
      }
    },
    return: async () => {
      await closeOnce()
      void iterator.return?.()?.catch(() => undefined)
      return { done: true, value: undefined }
    },
    [Symbol.asyncIterator]() {
      return this
    },
  }
}

/** The chunks of a web stream, read one per pull; stopping early cancels the stream at once. */
export const streamChunks = (
  stream: ReadableStream<Uint8Array>,
): AsyncIterableIterator<Uint8Array> => {
  const reader = stream.getReader()
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const read = await reader.read()
    return read.done ? { done: true, value: undefined } : { done: false, value: read.value }
  }
  return closingOnReturn({ next }, () => reader.cancel().catch(() => undefined))
}

/** The chunks of either byte source kind, as an async iterable. */
export const byteChunks = (
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> => (isReadableStream(source) ? streamChunks(source) : source)
