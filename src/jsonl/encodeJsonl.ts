// Values to JSONL bytes, as an operator (Observables) and as an async iterable (fetch bodies).
import type { OperatorFunction } from 'rxjs'
import { encodeJsonlLine } from './encodeJsonlLine.js'
import { statefulOperator } from './statefulOperator.js'
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
 * An operator that encodes each value as one JSONL line (`JSON.stringify` + `\n`) and emits the
 * lines as UTF-8 chunks of about `chunkBytes`, the rest when the source completes. A value
 * with no JSON form errors the stream with a {@link JsonlEncodeError} naming its index.
 * Throws a RangeError at once for a `chunkBytes` that is not a positive integer.
 */
export function encodeJsonl(
  options: EncodeJsonlOptions = {},
): OperatorFunction<unknown, Uint8Array> {
  const chunkBytes = chunkBytesOption(options.chunkBytes)
  return statefulOperator<unknown, Uint8Array>((destination) => {
    const builder = new Utf8ChunkBuilder(chunkBytes)
    let index = 0
    return {
      next(value) {
        const chunk = builder.add(encodeJsonlLine(value, index++))
        if (chunk) destination.next(chunk)
      },
      complete() {
        const chunk = builder.flush()
        if (chunk) destination.next(chunk)
      },
    }
  })
}

/**
 * The JSONL bytes of `source`, as an async iterable suited to a streaming fetch body: values
 * are read and encoded only as the consumer pulls, one chunk of about `chunkBytes` at a time,
 * so memory stays flat however long the source is. Each iteration starts afresh (a retried
 * upload re-reads a re-iterable source). Errors like {@link encodeJsonl}, when pulled.
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
