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

/** The chunks of a web stream, read one per pull; stopping early cancels the stream. */
export async function* streamChunks(
  stream: ReadableStream<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  let done = false
  try {
    for (;;) {
      const next = await reader.read()
      if (next.done) {
        done = true
        return
      }
      yield next.value
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/** The chunks of either byte source kind, as an async iterable. */
export const byteChunks = (
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> => (isReadableStream(source) ? streamChunks(source) : source)
