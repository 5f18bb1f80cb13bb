// idleTimeout: the longest gap between values, in virtual time, with one timer for the stream.
import { Observable, Subject } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { idleTimeout } from '../../src/http/idleTimeout.js'
import { MAX_DURATION_MS } from '../../src/time/durations.js'

describe('idleTimeout', () => {
  let testScheduler: TestScheduler
  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
  })
  const idle = new Error('idle')

  it('errors when the first value is later than the limit', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-------a|')
      expectObservable(source.pipe(idleTimeout(5, testScheduler, () => idle))).toBe(
        '-----#',
        undefined,
        idle,
      )
      expectSubscriptions(source.subscriptions).toBe('^----!')
    })
  })

  it('errors exactly the limit after the last value, however many came before', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-d---------e|')
      expectObservable(source.pipe(idleTimeout(4, testScheduler, () => idle))).toBe(
        '-a-b-c-d---#',
        undefined,
        idle,
      )
      expectSubscriptions(source.subscriptions).toBe('^----------!')
    })
  })

  it('mirrors a source whose gaps all stay within the limit, values, end and error', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('--a--b--|').pipe(idleTimeout(3, testScheduler, () => idle))).toBe(
        '--a--b--|',
      )
      const broken = new Error('broken')
      expectObservable(
        cold('--a--#', undefined, broken).pipe(idleTimeout(3, testScheduler, () => idle)),
      ).toBe('--a--#', undefined, broken)
    })
  })

  it('a gap of exactly the limit is too long, one frame less is not', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold('---a|').pipe(idleTimeout(3, testScheduler, () => idle))).toBe(
        '---#',
        undefined,
        idle,
      )
      expectObservable(cold('--a--a|').pipe(idleTimeout(3, testScheduler, () => idle))).toBe(
        '--a--a|',
      )
    })
  })

  it('keeps one timer however many values pass: values only note the time', () => {
    testScheduler.run(({ flush }) => {
      const source = new Subject<number>()
      const scheduled: number[] = []
      const counting = {
        now: () => testScheduler.now(),
        schedule: ((work: never, delay?: number, state?: never) => {
          scheduled.push(delay ?? 0)
          return testScheduler.schedule(work, delay, state)
        }) as typeof testScheduler.schedule,
      }
      const values: number[] = []
      source.pipe(idleTimeout(1000, counting, () => idle)).subscribe((value) => values.push(value))
      for (let i = 0; i < 10_000; i++) source.next(i)
      source.complete()
      flush()
      expect(values).toHaveLength(10_000)
      expect(scheduled).toEqual([1000])
    })
  })

  it('stops its timer and the source when unsubscribed', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-d-e-f|')
      expectObservable(source.pipe(idleTimeout(4, testScheduler, () => idle)), '^---!').toBe('-a-b')
      expectSubscriptions(source.subscriptions).toBe('^---!')
    })
  })

  it('bounds a limit past what a timer can hold', () => {
    const delays: number[] = []
    const scheduler = {
      now: () => 0,
      schedule: (_work: unknown, delay?: number) => {
        delays.push(delay ?? 0)
        return { unsubscribe: () => undefined, closed: false }
      },
    } as unknown as TestScheduler
    const subscription = new Observable<never>(() => undefined)
      .pipe(idleTimeout(Number.MAX_SAFE_INTEGER, scheduler, () => idle))
      .subscribe()
    subscription.unsubscribe()
    expect(delays).toEqual([MAX_DURATION_MS])
  })
})
