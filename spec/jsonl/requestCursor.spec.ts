// The request cursor: every kind of source, look-ahead, seeking back in arrays, one-shot streams.
import * as E from 'fp-ts/Either'
import { Observable } from 'rxjs'
import type { BatchRequestInput } from '../../src/batch/createBatchJobInput'
import { RequestCursor, type RunRequests } from '../../src/jsonl/requestCursor'

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
})
