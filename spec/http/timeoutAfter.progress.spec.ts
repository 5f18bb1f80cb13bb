// timeoutAfter with progress events: they, not values, keep a request alive; in virtual time.
import { NEVER, Subject } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { timeoutAfter } from '../../src/http/timeoutAfter.js'

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected))

describe('timeoutAfter with progress', () => {
  it('errors after ms without progress, counted from subscription', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const source = cold('-------------a|')
      const progress = hot('--p--p')
      const result = source.pipe(timeoutAfter(5, scheduler, () => 'idle', progress))
      expectObservable(result).toBe('----------#', undefined, 'idle')
      expectSubscriptions(source.subscriptions).toBe('^---------!')
    })
  })

  it('lets a source finish while progress keeps coming', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold, hot, expectObservable }) => {
      const source = cold('-------------a|')
      const progress = hot('--p--p--p--p--')
      expectObservable(source.pipe(timeoutAfter(5, scheduler, () => 'idle', progress))).toBe(
        '-------------a|',
      )
    })
  })

  it('stops watching when unsubscribed', () => {
    const scheduler = newScheduler()
    const progress = new Subject<void>()
    scheduler.run(({ expectObservable }) => {
      expectObservable(NEVER.pipe(timeoutAfter(5, scheduler, () => 'idle', progress)), '--!').toBe(
        '---',
      )
    })
    expect(progress.observed).toBe(false)
  })
})
