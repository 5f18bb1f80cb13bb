// The request cursor: every kind of source, look-ahead, seeking back in arrays, one-shot streams.
import * as E from 'fp-ts/Either'
import { Observable } from 'rxjs'
import type { BatchRequestInput } from '../../src/batch/createBatchJobInput'
import { NOT_READY, RequestCursor, type RunRequests } from '../../src/jsonl/requestCursor'

const ownOrIndex = (index: number, given: string | undefined) => E.right(given ?? String(index))
const requests = (count: number): BatchRequestInput[] =>
  Array.from({ length: count }, (_, i) => ({ body: { i } }))

const readAll = async (cursor: RequestCursor): Promise<string[]> => {
  const ids: string[] = []
  for (let next = await cursor.peek(); next !== undefined; next = await cursor.peek()) {
    cursor.take()
    ids.push(next.custom_id ?? '')
  }
  return ids
}

async function* asyncRequests(count: number): AsyncGenerator<BatchRequestInput> {
  for (const request of requests(count)) yield request
}

describe('RequestCursor', () => {
  const sources: Array<[string, () => RunRequests]> = [
    ['an array', () => requests(5)],
    ['a Set', () => new Set(requests(5))],
    ['a generator', () => requests(5)[Symbol.iterator]()],
    ['an async generator', () => asyncRequests(5)],
    [
      'an Observable',
      () =>
        new Observable<BatchRequestInput>((subscriber) => {
          requests(5).forEach((request) => subscriber.next(request))
          subscriber.complete()
        }),
    ],
  ]

  it.each(sources)('reads %s in order', async (_, source) => {
    expect(await readAll(new RequestCursor(source(), ownOrIndex, 1000))).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
    ])
  })

  it('looks ahead without consuming', async () => {
    const cursor = new RequestCursor(asyncRequests(5), ownOrIndex, 1000)
    expect(await cursor.lookahead(3)).toBe(3)
    expect(cursor.position).toBe(0)
    expect(await cursor.lookahead(10)).toBe(5)
    expect(await readAll(cursor)).toEqual(['0', '1', '2', '3', '4'])
  })

  it('seeks back in an array', async () => {
    const cursor = new RequestCursor(requests(5), ownOrIndex, 1000)
    await readAll(cursor)
    cursor.seek(3)
    expect(cursor.replayable).toBe(true)
    expect(await readAll(cursor)).toEqual(['3', '4'])
  })

  it('refuses to seek in a one-shot stream', () => {
    const cursor = new RequestCursor(asyncRequests(5), ownOrIndex, 1000)
    expect(cursor.replayable).toBe(false)
    expect(() => cursor.seek(0)).toThrow(/one-shot stream; pass an array to let uploads retry/)
  })

  it('keeps the first failure of the source', async () => {
    async function* failing(): AsyncGenerator<BatchRequestInput> {
      yield { body: {} }
      throw new Error('source broke')
    }
    const cursor = new RequestCursor(failing(), ownOrIndex, 1000)
    await cursor.peek()
    cursor.take()
    await expect(cursor.peek()).rejects.toThrow('source broke')
    expect(cursor.failure).toEqual({ error: new Error('source broke') })
    expect(await cursor.peek()).toBeUndefined()
  })

  it('closes an async source early', async () => {
    let closed = false
    async function* endless(): AsyncGenerator<BatchRequestInput> {
      try {
        for (;;) yield { body: {} }
      } finally {
        closed = true
      }
    }
    const cursor = new RequestCursor(endless(), ownOrIndex, 1000)
    await cursor.lookahead(2)
    cursor.close()
    await new Promise((resolve) => setImmediate(resolve))
    expect(closed).toBe(true)
  })

  const readNow = (cursor: RequestCursor): Array<string | typeof NOT_READY> => {
    const ids: Array<string | typeof NOT_READY> = []
    for (let next = cursor.peekNow(); next !== undefined; next = cursor.peekNow()) {
      if (next === NOT_READY) return [...ids, NOT_READY]
      cursor.take()
      ids.push(next.custom_id ?? '')
    }
    return ids
  }

  it.each(sources.slice(0, 3))('reads %s to its end without waiting', (_, source) => {
    const cursor = new RequestCursor(source(), ownOrIndex, 1000)
    expect(readNow(cursor)).toEqual(['0', '1', '2', '3', '4'])
    expect(cursor.position).toBe(5)
  })

  it('tells an async source is not ready, then gives what peek read ahead', async () => {
    const cursor = new RequestCursor(asyncRequests(5), ownOrIndex, 1000)
    expect(cursor.peekNow()).toBe(NOT_READY)
    await cursor.lookahead(2)
    expect(readNow(cursor)).toEqual(['0', '1', NOT_READY])
    expect(await readAll(cursor)).toEqual(['2', '3', '4'])
  })

  it('keeps the first failure of an iterable read without waiting', () => {
    function* failing(): Generator<BatchRequestInput> {
      yield { body: {} }
      throw new Error('source broke')
    }
    const cursor = new RequestCursor(failing(), ownOrIndex, 1000)
    expect(readNow.bind(undefined, cursor)).toThrow('source broke')
    expect([cursor.position, cursor.failure]).toEqual([1, { error: new Error('source broke') }])
    expect(cursor.peekNow()).toBeUndefined()
  })

  it('keeps a bad request read without waiting as the failure', () => {
    const cursor = new RequestCursor([{ body: {} }, 'not a request'] as never, ownOrIndex, 1000)
    cursor.peekNow()
    cursor.take()
    expect(() => cursor.peekNow()).toThrow('requests[1] must be an object')
    expect(cursor.failure?.error).toEqual(
      expect.objectContaining({ field: 'requests[1]', name: 'InvalidRequestError' }),
    )
  })
})
