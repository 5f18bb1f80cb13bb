// The content of an upload of batch requests: checked, encoded and read only as it is pulled.
import fc from 'fast-check'
import { InvalidRequestError } from '../../src/errors/index.js'
import { LineSplitter } from '../../src/jsonl/lineSplitter.js'
import { requestsContent } from '../../src/jsonl/requestChunks.js'
import { chunkingArbitrary } from './chunking.js'

const collect = async (chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> => {
  const all: Uint8Array[] = []
  for await (const chunk of chunks) all.push(chunk)
  return all
}

const text = (chunks: ReadonlyArray<Uint8Array>): string =>
  chunks.map((chunk) => new TextDecoder().decode(chunk)).join('')

const concat = (chunks: ReadonlyArray<Uint8Array>): Uint8Array => {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

describe('requestsContent', () => {
  it('encodes the requests as JSONL, afresh on each iteration', async () => {
    const { chunks } = requestsContent(
      [{ custom_id: 'a', body: { n: 1 } }, { body: {} }, { custom_id: null, body: {} }],
      true,
      false,
    )
    const expected = '{"custom_id":"a","body":{"n":1}}\n{"body":{}}\n{"body":{}}\n'
    expect(text(await collect(chunks))).toBe(expected)
    expect(text(await collect(chunks))).toBe(expected)
  })

  it('reads an async iterable', async () => {
    async function* requests() {
      yield { custom_id: 'x', body: { a: 1 } }
      yield { body: { b: 'é' } }
    }
    const { chunks, replayable } = requestsContent(requests(), false, false)
    expect(replayable).toBe(false)
    expect(text(await collect(chunks))).toBe(
      '{"custom_id":"x","body":{"a":1}}\n{"body":{"b":"é"}}\n',
    )
  })

  it.each<[string, ReadonlyArray<unknown>, Partial<InvalidRequestError>]>([
    [
      'a body with no JSON form',
      [{ body: {} }, { body: { n: BigInt(2) } }],
      {
        field: 'requests[1].body.n',
        message: 'requests[1].body.n cannot be encoded as JSON: a BigInt has no JSON form',
      },
    ],
    [
      'a request without an object body',
      [{ body: {} }, { body: [] }],
      { field: 'requests[1].body', message: 'requests[1] must be an object with an object `body`' },
    ],
    [
      'a custom_id that is not a string',
      [{ custom_id: 1, body: {} }],
      { field: 'requests[0].custom_id', message: 'requests[0].custom_id must be a string' },
    ],
    [
      'a repeated custom_id, quoted and capped',
      [
        { custom_id: 'x'.repeat(100), body: {} },
        { custom_id: 'x'.repeat(100), body: {} },
      ],
      {
        field: 'requests[1].custom_id',
        message: `requests[1]: its custom_id "${'x'.repeat(64)}..." repeats requests[0].custom_id; custom ids must be unique`,
      },
    ],
  ])('fails with an InvalidRequestError when it reaches %s', async (_what, requests, error) => {
    function* once(): Generator<never> {
      yield* requests as never[]
    }
    const failure = collect(requestsContent(once(), false, false).chunks)
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject(error)
  })

  it('assigns no id: a given id equal to another request index is fine in an upload', async () => {
    const { chunks } = requestsContent([{ custom_id: '1', body: {} }, { body: {} }], true, false)
    expect(text(await collect(chunks))).toBe('{"custom_id":"1","body":{}}\n{"body":{}}\n')
  })

  it('reads the source only as far as it is pulled, and closes it when the reader stops', async () => {
    let read = 0
    let closed = false
    function* source() {
      try {
        for (;;) {
          read++
          yield { body: { text: 'y'.repeat(1_000) } }
        }
      } finally {
        closed = true
      }
    }
    const iterator = requestsContent(source(), false, false).chunks[Symbol.asyncIterator]()
    await iterator.next()
    expect(read).toBeLessThan(100)
    await iterator.return?.()
    expect(closed).toBe(true)
  })

  it('round-trips through the LineSplitter and JSON.parse, however it is chunked', async () => {
    const request = fc.record(
      { custom_id: fc.string(), body: fc.dictionary(fc.string(), fc.jsonValue()) },
      { requiredKeys: ['body'] },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(request, { maxLength: 30, selector: (r) => r.custom_id ?? Symbol() }),
        chunkingArbitrary,
        async (requests, chunking) => {
          const encoded = concat(await collect(requestsContent(requests, true, false).chunks))
          const parsed: unknown[] = []
          const splitter = new LineSplitter((line) => parsed.push(JSON.parse(line)))
          for (const chunk of chunking(encoded)) splitter.push(chunk)
          splitter.end()
          expect(parsed).toEqual(requests.map((r) => JSON.parse(JSON.stringify(r))))
        },
      ),
      { numRuns: 200 },
    )
  })
})
