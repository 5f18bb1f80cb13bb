// timeoutAfter: a total or an idle time limit, in virtual time.
import { TestScheduler } from 'rxjs/testing'
import { timeoutAfter } from '../../src/http/timeoutAfter.js'

describe('timeoutAfter', () => {
  let testScheduler: TestScheduler
  beforeEach(() => {
    testScheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
  })
  const late = new Error('late')

  it('errors when the source has not finished in time, even while it emits', () => {
    testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-d-|')
      expectObservable(source.pipe(timeoutAfter(6, testScheduler, () => late))).toBe(
        '-a-b-c#',
        undefined,
        late,
      )
      expectSubscriptions(source.subscriptions).toBe('^-----!')
    })
  })

  it('mirrors a source that finishes in time', () => {
    testScheduler.run(({ cold, expectObservable }) => {
      const source = cold('-a-|')
      expectObservable(source.pipe(timeoutAfter(6, testScheduler, () => late))).toBe('-a-|')
    })
  })

  it('restarts the clock at each sign of progress, when given one', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const progress = hot('--p--p')
      const source = cold('------------a|')
      expectObservable(source.pipe(timeoutAfter(4, testScheduler, () => late, progress))).toBe(
        '---------#',
        undefined,
        late,
      )
    })
  })
})
