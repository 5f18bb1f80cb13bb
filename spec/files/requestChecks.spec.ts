// The checks of streamed batch requests, and the JSONL they become.
import { InvalidRequestError } from '../../src/errors/index.js'
import {
  BatchRequestChecker,
  checkRequests,
  requestJsonlChunks,
} from '../../src/files/requestChecks.js'

const drain = async (chunks: AsyncIterable<Uint8Array>): Promise<string> => {
  const decoder = new TextDecoder()
  let text = ''
  for await (const chunk of chunks) text += decoder.decode(chunk, { stream: true })
  return text + decoder.decode()
}

describe('BatchRequestChecker', () => {
  it('accepts requests with and without custom_id, null included', () => {
    const checker = new BatchRequestChecker()
    expect(() => {
      checker.check({ body: {} }, 0)
      checker.check({ custom_id: 'a', body: { x: 1 } }, 1)
      checker.check({ custom_id: null, body: {} }, 2)
      checker.check({ body: {} }, 3)
    }).not.toThrow()
  })

  it.each([
    [null, 'requests[4] must be an object with an object `body`'],
    [[], 'requests[4] must be an object with an object `body`'],
    [{ body: [] }, 'requests[4] must be an object with an object `body`'],
    [{ body: null }, 'requests[4] must be an object with an object `body`'],
    [{ custom_id: 1, body: {} }, 'requests[4].custom_id must be a string'],
  ])('rejects %p', (request, message) => {
    expect(() => new BatchRequestChecker().check(request, 4)).toThrow(
      new InvalidRequestError(message),
    )
  })

  it('rejects a repeated custom_id, quoting it (capped)', () => {
    const long = 'x'.repeat(100)
    expect(() =>
      checkRequests([
        { custom_id: long, body: {} },
        { custom_id: long, body: {} },
      ]),
    ).toThrow(
      `requests[1].custom_id "${'x'.repeat(64)}..." repeats the custom_id of an earlier request`,
    )
  })
})

describe('requestJsonlChunks', () => {
  it('encodes the requests as JSONL, afresh on each iteration', async () => {
    const chunks = requestJsonlChunks([{ custom_id: 'a', body: { n: 1 } }, { body: {} }])
    const expected = '{"custom_id":"a","body":{"n":1}}\n{"body":{}}\n'
    await expect(drain(chunks)).resolves.toBe(expected)
    await expect(drain(chunks)).resolves.toBe(expected)
  })

  it('throws an InvalidRequestError when the bad request is reached', async () => {
    const failure = drain(requestJsonlChunks([{ body: {} }, { body: { n: BigInt(2) } }]))
    await expect(failure).rejects.toBeInstanceOf(InvalidRequestError)
    await expect(failure).rejects.toMatchObject({
      field: 'requests[1].body.n',
      message: 'requests[1].body.n cannot be encoded as JSON: a BigInt has no JSON form',
    })
  })

  it('reads the source only as far as it is pulled', async () => {
    let read = 0
    function* source() {
      for (;;) {
        read++
        yield { body: { text: 'y'.repeat(1_000) } }
      }
    }
    const iterator = requestJsonlChunks(source())[Symbol.asyncIterator]()
    await iterator.next()
    expect(read).toBeLessThan(100)
    await iterator.return?.()
  })
})
