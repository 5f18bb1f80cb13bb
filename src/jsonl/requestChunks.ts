// The JSONL bytes of requests: one file shard of a run, or a whole upload, cut at a shard's limits.
import * as E from 'fp-ts/Either'
import { closingOnReturn } from '../files/byteStreams.js'
import { JSONL_CONTENT_TYPE, type StreamedContent } from '../files/uploadContent.js'
import type { BodyCheck } from './bodyCheck.js'
import { CustomIdRegistry } from './customIdRegistry.js'
import type { CustomIdOf } from './preparedRequest.js'
import { NOT_READY, RequestCursor, type RunRequests } from './requestCursor.js'

/**
 * Collects text and hands it back as UTF-8 chunks of about `chunkBytes` each, so a million short
 * lines are not a million writes. The size is counted in UTF-16 code units before encoding, so
 * non-ASCII text gives somewhat larger chunks; a text longer than `chunkBytes` is a chunk alone.
 */
export class Utf8ChunkBuilder {
  private readonly encoder = new TextEncoder()
  private parts: string[] = []
  private size = 0

  constructor(private readonly chunkBytes: number) {}

  /** Adds text; returns a full chunk once `chunkBytes` are gathered, otherwise undefined. */
  add(text: string): Uint8Array | undefined {
    this.parts.push(text)
    this.size += text.length
    return this.size >= this.chunkBytes ? this.flush() : undefined
  }

  /** Returns what is gathered as one chunk, or undefined when nothing is. */
  flush(): Uint8Array | undefined {
    if (this.parts.length === 0) return undefined
    const chunk = this.encoder.encode(this.parts.join(''))
    this.parts = []
    this.size = 0
    return chunk
  }
}

const CHUNK_BYTES = 64 * 1024

/** The limits of one shard: requests, and UTF-8 bytes of JSONL. */
export interface ShardLimits {
  readonly maxRequests: number
  readonly maxBytes: number
}

/** A shard of a file run: where it starts in the input, and what it holds once read. */
export interface FileShard {
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
  const builder = new Utf8ChunkBuilder(CHUNK_BYTES)
  let count = 0
  let bytes = 0
  for (;;) {
    const ready = cursor.peekNow()
    const next = ready === NOT_READY ? await cursor.peek() : ready
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
 * The content of `shard`: its requests pulled from `cursor` as fetch asks, up to its `limits`;
 * replayable (read again from the shard's start) only from an array.
 */
export const shardContent = (
  cursor: RequestCursor,
  shard: FileShard,
  limits: ShardLimits,
): StreamedContent => ({
  kind: 'streamed',
  chunks: { [Symbol.asyncIterator]: () => shardChunks(cursor, shard, limits) },
  replayable: cursor.replayable,
  contentType: JSONL_CONTENT_TYPE,
})

const UNLIMITED: ShardLimits = { maxRequests: Infinity, maxBytes: Infinity }

// The whole of `source` as JSONL; stopping early closes the source at once.
const allChunks = (
  source: RunRequests,
  customIdOf: CustomIdOf,
  checkBody: BodyCheck | undefined,
): AsyncIterableIterator<Uint8Array> => {
  const cursor = new RequestCursor(source, customIdOf, Infinity, checkBody)
  const chunks = shardChunks(cursor, { shard: 0, start: 0, count: 0 }, UNLIMITED)
  return closingOnReturn(chunks, () => cursor.close())
}

/**
 * The content of an upload of batch requests: each checked (with its body, by `checkBody` when
 * given) and encoded only as fetch pulls it (an array was checked whole before: `checked`),
 * through the same pipeline as a run's shards. Each iteration reads `source` afresh; ids are not
 * assigned, only checked unique.
 */
export const requestsContent = (
  source: RunRequests,
  replayable: boolean,
  checked: boolean,
  checkBody?: BodyCheck,
): StreamedContent => ({
  kind: 'streamed',
  chunks: {
    [Symbol.asyncIterator]: () => {
      const ids = new CustomIdRegistry(false)
      return checked
        ? allChunks(source, (_, given) => E.right(given), undefined)
        : allChunks(source, (i, given) => ids.add(i, given), checkBody)
    },
  },
  replayable,
  contentType: JSONL_CONTENT_TYPE,
})
