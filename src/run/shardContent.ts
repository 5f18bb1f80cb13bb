// The JSONL bytes of one file shard, cut where the next request would pass a limit of the shard.
import type { ReopenableBytes } from '../files/byteStreams.js'
import { DEFAULT_CHUNK_BYTES, Utf8ChunkBuilder } from '../jsonl/utf8ChunkBuilder.js'
import type { RequestCursor } from './requestCursor.js'

/** The limits of one shard. */
export interface ShardLimits {
  /** Requests in the shard, at most. */
  readonly maxRequests: number
  /** UTF-8 bytes of JSONL in the shard, at most. */
  readonly maxBytes: number
}

/** A shard of a file run: where it starts in the input, and what it holds once read. */
export interface FileShard {
  /** The shard's number, from 0. */
  readonly shard: number
  /** The input index of its first request. */
  readonly start: number
  /** Requests read into it (set when its content has been read to the end). */
  count: number
}

async function* shardChunks(
  cursor: RequestCursor,
  shard: FileShard,
  limits: ShardLimits,
): AsyncGenerator<Uint8Array> {
  // a second reading (a retried upload) starts the shard again; only an array can do that
  if (cursor.position !== shard.start) cursor.seek(shard.start)
  const builder = new Utf8ChunkBuilder(DEFAULT_CHUNK_BYTES)
  let count = 0
  let bytes = 0
  for (;;) {
    const next = await cursor.peek()
    if (next === undefined) break
    if (count >= limits.maxRequests || bytes + next.bytes > limits.maxBytes) break
    cursor.take()
    count++
    bytes += next.bytes
    const chunk = builder.add(next.line)
    if (chunk !== undefined) yield chunk
  }
  const last = builder.flush()
  if (last !== undefined) yield last
  shard.count = count
}

/**
 * The upload content of `shard`: its requests read from `cursor` as fetch pulls them, encoded
 * as JSONL, up to the first request that would pass `limits` (that one starts the next shard).
 * From an array it is a `ReopenableBytes`, read again from the shard's start on each attempt, so
 * `upload$` may retry; from a one-shot source it is a `ReadableStream`, read once.
 */
export const shardContent = (
  cursor: RequestCursor,
  shard: FileShard,
  limits: ShardLimits,
): ReopenableBytes | ReadableStream<Uint8Array> => {
  if (cursor.replayable) return { openBytes: () => shardChunks(cursor, shard, limits) }
  const chunks = shardChunks(cursor, shard, limits)
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next()
        if (next.done === true) controller.close()
        else controller.enqueue(next.value)
      },
      async cancel() {
        await chunks.return(undefined)
      },
    },
    { highWaterMark: 0 },
  )
}
