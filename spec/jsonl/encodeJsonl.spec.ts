import fc from 'fast-check'
import { jsonlChunks } from '../../src/jsonl/encodeJsonl.js'
import { LineSplitter } from '../../src/jsonl/lineSplitter.js'
import { chunkingArbitrary } from './chunking.js'

const decode = (chunks: readonly Uint8Array[]): string =>
  chunks.map((chunk) => new TextDecoder().decode(chunk)).join('')

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = []
  for await (const chunk of chunks) all.push(chunk)
  return all
}

const requests = Array.from({ length: 2000 }, (_, i) => ({
  custom_id: String(i),
  body: { messages: [{ role: 'user', content: `question ${i}: pourquoi le ciel est-il bleu ?` }] },
}))

describe('jsonlChunks', () => {
  it('writes one JSON line per value', async () => {
    expect(decode(await collect(jsonlChunks([{ a: 1 }, 'é\n', [null]])))).toBe(
      '{"a":1}\n"é\\n"\n[null]\n',
    )
  })

  it('gathers lines into chunks of about chunkBytes, the rest at the end', async () => {
    const chunks = await collect(jsonlChunks(requests, { chunkBytes: 4096 }))
    expect(decode(chunks)).toBe(requests.map((r) => JSON.stringify(r) + '\n').join(''))
    const longestLine = Math.max(...requests.map((r) => JSON.stringify(r).length + 1))
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(4096)
      expect(chunk.length).toBeLessThan(4096 + longestLine)
    }
    expect(chunks.at(-1)?.length).toBeGreaterThan(0)
  })

  it('uses 64 KiB chunks by default', async () => {
    const chunks = await collect(jsonlChunks(requests))
    expect(chunks[0]?.length).toBeGreaterThanOrEqual(65536)
    expect(chunks[0]?.length).toBeLessThan(65536 + 200)
  })

  it('gives nothing for an empty source', async () => {
    expect(await collect(jsonlChunks([]))).toEqual([])
  })

  it('round-trips through the LineSplitter and JSON.parse, however it is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 300 }),
        chunkingArbitrary,
        async (values, chunkBytes, chunking) => {
          const encoded = concat(await collect(jsonlChunks(values, { chunkBytes })))
          const parsed: unknown[] = []
          const splitter = new LineSplitter((line) => parsed.push(JSON.parse(line)))
          for (const chunk of chunking(encoded)) splitter.push(chunk)
          splitter.end()
          expect(parsed).toEqual(values.map((value) => JSON.parse(JSON.stringify(value))))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('reads an async iterable', async () => {
    async function* values(): AsyncGenerator<unknown> {
      yield { a: 1 }
      yield 'b'
    }
    expect(decode(await collect(jsonlChunks(values())))).toBe('{"a":1}\n"b"\n')
  })

  it('reads the source only as the consumer pulls, and closes it when the consumer stops', async () => {
    let pulled = 0
    let closed = false
    function* values(): Generator<string> {
      try {
        for (;;) {
          pulled++
          yield 'abcdefgh'
        }
      } finally {
        closed = true
      }
    }
    const iterator = jsonlChunks(values(), { chunkBytes: 20 })[Symbol.asyncIterator]()
    expect(pulled).toBe(0)
    const first = await iterator.next()
    expect(decode([first.value as Uint8Array])).toBe('"abcdefgh"\n"abcdefgh"\n')
    expect(pulled).toBe(2)
    await iterator.return?.()
    expect(closed).toBe(true)
    expect(pulled).toBe(2)
  })

  it('starts afresh on each iteration, so a retried upload sends the same bytes', async () => {
    const body = jsonlChunks([1, 2, 3], { chunkBytes: 2 })
    const first = decode(await collect(body))
    expect(first).toBe('1\n2\n3\n')
    expect(decode(await collect(body))).toBe(first)
  })

  it('rejects a value it cannot encode when that value is pulled, naming its index', async () => {
    await expect(collect(jsonlChunks([1, 2, () => 3]))).rejects.toThrow(
      'Cannot encode the value at index 2 as a JSONL line: a function has no JSON form',
    )
  })

  it('throws a RangeError at once for a bad chunkBytes', () => {
    expect(() => jsonlChunks([], { chunkBytes: -5 })).toThrow(RangeError)
  })
})
