// boundedTimer and the duration check in virtual time: no delay past the longest timer, none below 0.
import { TestScheduler } from 'rxjs/testing'
import { boundedTimer } from '../../src/time/boundedTimer.js'
import { clampDelay, durationProblem, MAX_DURATION_MS } from '../../src/time/durations.js'

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected))

describe('boundedTimer', () => {
  it('waits the longest a timer holds for a delay past it, instead of firing at once', () => {
    const firedAt: number[] = []
    const s = scheduler()
    s.run(() => {
      boundedTimer(3e12, s).subscribe(() => firedAt.push(s.now()))
    })
    expect(firedAt).toEqual([MAX_DURATION_MS])
  })

  it('fires a negative or NaN delay at once', () => {
    const s = scheduler()
    s.run(({ expectObservable }) => {
      expectObservable(boundedTimer(-5, s)).toBe('(a|)', { a: 0 })
      expectObservable(boundedTimer(Number.NaN, s)).toBe('(a|)', { a: 0 })
    })
  })

  it('keeps an ordinary delay as it is', () => {
    const s = scheduler()
    s.run(({ expectObservable }) => {
      expectObservable(boundedTimer(3, s)).toBe('---(a|)', { a: 0 })
    })
  })
})

describe('durationProblem and clampDelay', () => {
  it.each<[unknown, 'positive' | 'nonNegative', string | undefined]>([
    [1, 'positive', undefined],
    [0, 'nonNegative', undefined],
    [MAX_DURATION_MS, 'positive', undefined],
    [0, 'positive', 'd must be a positive number of milliseconds, got 0'],
    [-1, 'nonNegative', 'd must be a non-negative number of milliseconds, got -1'],
    [Infinity, 'positive', 'd must be a positive number of milliseconds, got Infinity'],
    ['5', 'positive', 'd must be a positive number of milliseconds, got a string'],
    [
      MAX_DURATION_MS + 1,
      'positive',
      'd must be at most 2147483647 ms (about 24.8 days, the longest timer a platform holds), got 2147483648',
    ],
  ])('%p (%s): %p', (value, floor, problem) => {
    expect(durationProblem(value, 'd', floor)).toBe(problem)
  })

  it('clamps into [0, MAX_DURATION_MS]', () => {
    expect([clampDelay(-1), clampDelay(5), clampDelay(1e15)]).toEqual([0, 5, MAX_DURATION_MS])
  })
})
