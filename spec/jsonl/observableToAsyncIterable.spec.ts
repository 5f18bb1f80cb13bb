// observableToAsyncIterable: order, completion, errors and unsubscription on break.
import { from, interval, map, Observable, Subject, take, throwError, concat, of } from 'rxjs'
import { observableToAsyncIterable } from '../../src/jsonl/observableToAsyncIterable.js'

const all = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const values: T[] = []
  for await (const value of iterable) values.push(value)
  return values
}

describe('observableToAsyncIterable', () => {
  it('does not subscribe before the first next()', async () => {
    let subscribed = 0
    const source = new Observable<number>((subscriber) => {
      subscribed++
      subscriber.complete()
    })
    const iterable = observableToAsyncIterable(source)
    expect(subscribed).toBe(0)
    await all(iterable)
    expect(subscribed).toBe(1)
  })

  it('hands out every value in order, sync or async, then ends', async () => {
    await expect(all(observableToAsyncIterable(from([1, 2, 3])))).resolves.toEqual([1, 2, 3])
    const big = Array.from({ length: 5_000 }, (_, i) => i)
    await expect(all(observableToAsyncIterable(from(big)))).resolves.toEqual(big)
    const timed = interval(1).pipe(
      take(5),
      map((i) => i * 2),
    )
    await expect(all(observableToAsyncIterable(timed))).resolves.toEqual([0, 2, 4, 6, 8])
  })

  it('delivers the values before an error, then throws it', async () => {
    const boom = new Error('boom')
    const seen: number[] = []
    const failure = (async () => {
      for await (const value of observableToAsyncIterable(
        concat(
          of(1, 2),
          throwError(() => boom),
        ),
      ))
        seen.push(value)
    })()
    await expect(failure).rejects.toBe(boom)
    expect(seen).toEqual([1, 2])
  })

  it('unsubscribes when the loop breaks', async () => {
    const subject = new Subject<number>()
    const consumed = (async () => {
      for await (const value of observableToAsyncIterable(subject)) if (value === 2) break
    })()
    await Promise.resolve()
    subject.next(1)
    subject.next(2)
    await consumed
    expect(subject.observed).toBe(false)
  })
})
