import fc from 'fast-check'
import { from, Subject, take, type Observable } from 'rxjs'
import { encodeJsonl, jsonlChunks } from '../../src/jsonl/encodeJsonl.js'
import { JsonlEncodeError } from '../../src/jsonl/jsonlEncodeError.js'
import { splitLines } from '../../src/jsonl/splitLines.js'
import { chunkingArbitrary, runSync } from './chunking.js'

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

function subscribeSync<T>(values$: Observable<T>): T[] {
  const values: T[] = []
  values$.subscribe((value) => values.push(value))
  return values
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

describe('encodeJsonl', () => {
  it('writes one JSON line per value', () => {
    const chunks = runSync([{ a: 1 }, 'é\n', [null]], encodeJsonl())
    expect(decode(chunks)).toBe('{"a":1}\n"é\\n"\n[null]\n')
  })

  it('gathers lines into chunks of about chunkBytes, the rest flushed at completion', () => {
    const chunks = runSync(requests, encodeJsonl({ chunkBytes: 4096 }))
    const text = decode(chunks)
    expect(text).toBe(requests.map((r) => JSON.stringify(r) + '\n').join(''))
    const longestLine = Math.max(...requests.map((r) => JSON.stringify(r).length + 1))
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(4096)
      expect(chunk.length).toBeLessThan(4096 + longestLine)
    }
    expect(chunks.at(-1)?.length).toBeGreaterThan(0)
  })

  it('uses 64 KiB chunks by default', () => {
    const chunks = runSync(requests, encodeJsonl())
    expect(chunks[0]?.length).toBeGreaterThanOrEqual(65536)
    expect(chunks[0]?.length).toBeLessThan(65536 + 200)
  })

  it('emits nothing for an empty source', () => {
    expect(runSync([], encodeJsonl())).toEqual([])
  })

  it('emits a chunk as soon as it is full, not at completion', () => {
    const values$ = new Subject<unknown>()
    const seen: Uint8Array[] = []
    values$.pipe(encodeJsonl({ chunkBytes: 8 })).subscribe((chunk) => seen.push(chunk))
    values$.next('abc')
    expect(seen).toEqual([])
    values$.next('def')
    expect(decode(seen)).toBe('"abc"\n"def"\n')
  })

  it('errors with a JsonlEncodeError naming the index, and stops an endless source', () => {
    let pulled = 0
    function* values(): Generator<unknown> {
      for (;;) yield pulled++ === 2 ? undefined : { n: pulled }
    }
    let failure: unknown
    from(values())
      .pipe(encodeJsonl())
      .subscribe({ error: (e) => (failure = e) })
    expect(failure).toBeInstanceOf(JsonlEncodeError)
    expect((failure as Error).message).toBe(
      'Cannot encode the value at index 2 as a JSONL line: undefined has no JSON form',
    )
    expect(pulled).toBe(3)
  })

  it('stops an endless source once the consumer has enough', () => {
    function* forever(): Generator<number> {
      for (let i = 0; ; i++) yield i
    }
    const seen: Uint8Array[] = []
    from(forever())
      .pipe(encodeJsonl({ chunkBytes: 4 }), take(2))
      .subscribe((chunk) => seen.push(chunk))
    expect(decode(seen)).toBe('0\n1\n2\n3\n')
  })

  it('is cold: each subscription encodes afresh', () => {
    const bytes$ = from([1, 2]).pipe(encodeJsonl())
    expect(decode(subscribeSync(bytes$))).toBe('1\n2\n')
    expect(decode(subscribeSync(bytes$))).toBe('1\n2\n')
  })

  it('throws a RangeError at once for a bad chunkBytes', () => {
    expect(() => encodeJsonl({ chunkBytes: 0 })).toThrow(RangeError)
  })

  it('round-trips through splitLines and JSON.parse, however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 30 }),
        fc.integer({ min: 1, max: 300 }),
        chunkingArbitrary,
        (values, chunkBytes, chunking) => {
          const encoded = concat(runSync(values, encodeJsonl({ chunkBytes })))
          const parsed = runSync(chunking(encoded), splitLines()).map((line) => JSON.parse(line))
          expect(parsed).toEqual(values.map((value) => JSON.parse(JSON.stringify(value))))
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('jsonlChunks', () => {
  it('gives the same bytes as encodeJsonl', async () => {
    const chunks = await collect(jsonlChunks(requests, { chunkBytes: 1000 }))
    expect(chunks).toEqual(runSync(requests, encodeJsonl({ chunkBytes: 1000 })))
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
