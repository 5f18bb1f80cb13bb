// The content of a file shard: cut at its limits, read again from an array, once from a stream.
import * as E from 'fp-ts/Either'
import type { BatchRequestInput } from '../../src/batch/createBatchJobInput'
import { RequestCursor } from '../../src/jsonl/requestCursor'
import { shardContent, Utf8ChunkBuilder, type FileShard } from '../../src/jsonl/requestChunks'

const ownOrIndex = (index: number, given: string | undefined) => E.right(given ?? String(index))
const requests = (count: number): BatchRequestInput[] =>
  Array.from({ length: count }, (_, i) => ({ body: { i } }))

const text = async (chunks: AsyncIterable<Uint8Array>): Promise<string> => {
  const parts: Uint8Array[] = []
  for await (const chunk of chunks) parts.push(chunk)
  return Buffer.concat(parts).toString('utf8')
}

const line = (i: number): string => `{"custom_id":"${i}","body":{"i":${i}}}\n`

describe('shardContent', () => {
  it('cuts a shard at maxRequests and reads it again from the start on a second opening', async () => {
    const cursor = new RequestCursor(requests(5), ownOrIndex, 1000)
    const shard: FileShard = { shard: 0, start: 0, count: 0 }
    const content = shardContent(cursor, shard, { maxRequests: 2, maxBytes: 1000 })
    expect(content.replayable).toBe(true)
    const first = await text(content.chunks)
    const again = await text(content.chunks)
    expect(first).toBe(line(0) + line(1))
    expect(again).toBe(first)
    expect(shard.count).toBe(2)
    expect(cursor.position).toBe(2)
  })

  it('cuts a shard before the line that would pass maxBytes', async () => {
    const cursor = new RequestCursor(requests(12), ownOrIndex, 1000)
    const maxBytes = line(0).length * 3 + 2
    const shard: FileShard = { shard: 0, start: 0, count: 0 }
    const content = shardContent(cursor, shard, { maxRequests: 100, maxBytes })
    expect(await text(content.chunks)).toBe(line(0) + line(1) + line(2))
    const next: FileShard = { shard: 1, start: 3, count: 0 }
    const rest = shardContent(cursor, next, { maxRequests: 100, maxBytes })
    expect(await text(rest.chunks)).toBe(line(3) + line(4) + line(5))
  })

  it('streams a one-shot source once', async () => {
    async function* source(): AsyncGenerator<BatchRequestInput> {
      yield* requests(3)
    }
    const cursor = new RequestCursor(source(), ownOrIndex, 1000)
    const shard: FileShard = { shard: 0, start: 0, count: 0 }
    const content = shardContent(cursor, shard, { maxRequests: 10, maxBytes: 1000 })
    expect(content.replayable).toBe(false)
    expect(await text(content.chunks)).toBe(line(0) + line(1) + line(2))
    expect(shard.count).toBe(3)
  })
})

describe('Utf8ChunkBuilder', () => {
  const decoded = (chunk: Uint8Array | undefined): string | undefined =>
    chunk && new TextDecoder().decode(chunk)

  it('holds text until chunkBytes are gathered, then gives them as one UTF-8 chunk', () => {
    const builder = new Utf8ChunkBuilder(6)
    expect(builder.add('ab\n')).toBeUndefined()
    expect(decoded(builder.add('é€\n'))).toBe('ab\né€\n')
    expect(builder.flush()).toBeUndefined()
  })

  it('makes a text longer than chunkBytes a chunk of its own', () => {
    const builder = new Utf8ChunkBuilder(4)
    expect(decoded(builder.add('0123456789\n'))).toBe('0123456789\n')
  })

  it('flushes the rest', () => {
    const builder = new Utf8ChunkBuilder(100)
    builder.add('a\n')
    expect(decoded(builder.flush())).toBe('a\n')
    expect(builder.flush()).toBeUndefined()
  })
})
