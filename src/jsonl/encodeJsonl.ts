// Values to JSONL bytes as an async iterable, the shape a streamed fetch body takes.
import { encodeJsonlLine } from './encodeJsonlLine.js'
import { chunkBytesOption, Utf8ChunkBuilder } from './utf8ChunkBuilder.js'

/** How values are packed into JSONL chunks. */
export interface EncodeJsonlOptions {
  /**
   * The size at which a chunk is cut, counted in UTF-16 code units of JSON text.
   * @default 65536
   */
  chunkBytes?: number
}

/**
 * The JSONL bytes of `source`, as an async iterable suited to a streaming fetch body: values
 * are read and encoded only as the consumer pulls, one chunk of about `chunkBytes` at a time,
 * so memory stays flat however long the source is. Each iteration starts afresh (a retried
 * upload re-reads a re-iterable source). A value with no JSON form makes the iteration throw a
 * `JsonlEncodeError` naming its index, when it is pulled.
 * Throws a RangeError at once for a `chunkBytes` that is not a positive integer.
 */
export function jsonlChunks(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  options: EncodeJsonlOptions = {},
): AsyncIterable<Uint8Array> {
  const chunkBytes = chunkBytesOption(options.chunkBytes)
  return {
    async *[Symbol.asyncIterator]() {
      const builder = new Utf8ChunkBuilder(chunkBytes)
      let index = 0
      for await (const value of source) {
        const chunk = builder.add(encodeJsonlLine(value, index++))
        if (chunk) yield chunk
      }
      const last = builder.flush()
      if (last) yield last
    },
  }
}
