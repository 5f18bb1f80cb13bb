// idleTimeout: the longest gap between values, in virtual time, with one timer for the stream.
import { Observable, of, Subject, tap, throwError, VirtualTimeScheduler } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { idleTimeout } from '../../src/http/idleTimeout.js'
import { MAX_DURATION_MS } from '../../src/time/durations.js'

describe('idleTimeout', () => {
  let testScheduler: TestScheduler
  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
  })
  const idle = new Error('idle')
  /** The test scheduler, its clock read `offset` ms off: a wall clock someone sets. */
  const jumpyClock = (): { offset: number; scheduler: TestScheduler } => {
    const clock: { offset: number; scheduler: TestScheduler } = {
      offset: 0,
      scheduler: {
        now: () => testScheduler.now() + clock.offset,
        schedule: testScheduler.schedule.bind(testScheduler),
      } as TestScheduler,
    }
    return clock
  }

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

  it('a value on the very moment of the limit still counts, one frame later is too late', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const within = idleTimeout<string>(3, testScheduler, () => idle)
      expectObservable(cold('---a|').pipe(within)).toBe('---a|')
      expectObservable(cold('----a|').pipe(within)).toBe('---#', undefined, idle)
      expectObservable(cold('-a---a|').pipe(within)).toBe('-a--#', undefined, idle)
      expectObservable(cold('-a--a--a|').pipe(within)).toBe('-a--a--a|')
    })
  })

  it('a wall clock set forward an hour mid-stream is no timeout while values keep coming', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const clock = jumpyClock()
      const source = cold('-a-b-c-d-e-f-g-h|').pipe(
        tap((value) => {
          if (value === 'c') clock.offset += 3_600_000
        }),
      )
      expectObservable(source.pipe(idleTimeout(5, clock.scheduler, () => idle))).toBe(
        '-a-b-c-d-e-f-g-h|',
      )
    })
  })

  it('a wall clock set back an hour delays a timeout by at most one limit', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const clock = jumpyClock()
      testScheduler.schedule(() => {
        clock.offset -= 3_600_000
      }, 2)
      // due at 5 (a at 1, limit 4); the check at 4 reads a gap of minus an hour and waits the
      // whole limit, not an hour: the timeout comes at 8
      expectObservable(
        cold('-a-----------|').pipe(idleTimeout(4, clock.scheduler, () => idle)),
      ).toBe('-a------#', undefined, idle)
    })
  })

  it('a source that ends at once leaves no check behind', () => {
    const scheduler = new VirtualTimeScheduler()
    const makeError = jest.fn(() => idle)
    const values: number[] = []
    of(1, 2)
      .pipe(idleTimeout(5, scheduler, makeError))
      .subscribe((value) => values.push(value))
    throwError(() => new Error('at once'))
      .pipe(idleTimeout(5, scheduler, makeError))
      .subscribe({ error: () => undefined })
    expect(values).toEqual([1, 2])
    expect(scheduler.actions).toHaveLength(0)
    scheduler.flush()
    expect(makeError).not.toHaveBeenCalled()
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
