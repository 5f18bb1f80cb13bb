import { from, Subject, take } from 'rxjs'
import { statefulOperator } from '../../src/jsonl/statefulOperator.js'

/** Sums its input, emitting the running total every `every` values and at the end. */
const runningTotals = (every: number) =>
  statefulOperator<number, number>((destination) => {
    let total = 0
    let seen = 0
    return {
      next(value) {
        if (value < 0) throw new Error(`negative: ${value}`)
        total += value
        if (++seen % every === 0) destination.next(total)
      },
      complete() {
        if (seen % every !== 0) destination.next(total)
      },
    }
  })

function collect<T>(values$: import('rxjs').Observable<T>) {
  const result: { values: T[]; error?: unknown; completed: boolean } = {
    values: [],
    completed: false,
  }
  values$.subscribe({
    next: (v) => result.values.push(v),
    error: (e) => (result.error = e),
    complete: () => (result.completed = true),
  })
  return result
}

describe('statefulOperator', () => {
  it('gives each subscriber its own state and flushes at completion', () => {
    const totals$ = from([1, 2, 3, 4, 5]).pipe(runningTotals(2))
    expect(collect(totals$)).toEqual({ values: [3, 10, 15], completed: true })
    expect(collect(totals$)).toEqual({ values: [3, 10, 15], completed: true })
  })

  it('turns a throw of the transformer into an error and stops a synchronous source', () => {
    let pulled = 0
    function* values(): Generator<number> {
      for (;;) yield pulled++ === 3 ? -1 : 1
    }
    expect(collect(from(values()).pipe(runningTotals(1)))).toEqual({
      values: [1, 2, 3],
      error: new Error('negative: -1'),
      completed: false,
    })
    expect(pulled).toBe(4)
  })

  it('passes a source error on, without flushing', () => {
    const source = new Subject<number>()
    const result = collect(source.pipe(runningTotals(10)))
    source.next(1)
    source.error(new Error('boom'))
    expect(result).toEqual({ values: [], error: new Error('boom'), completed: false })
  })

  it('unsubscribes from the source when the subscriber leaves', () => {
    const source = new Subject<number>()
    const result = collect(source.pipe(runningTotals(1), take(1)))
    source.next(5)
    expect(result).toEqual({ values: [5], completed: true })
    expect(source.observed).toBe(false)
  })
})
