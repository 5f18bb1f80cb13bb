// idleTimeout: progress events, not values, keep a request alive; in virtual time.
import { NEVER, Subject } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { idleTimeout } from '../../src/files/idleTimeout.js'

const newScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected))

describe('idleTimeout', () => {
  it('errors after ms without progress, counted from subscription', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const source = cold('-------------a|')
      const progress = hot('--p--p')
      const result = source.pipe(idleTimeout(progress, 5, scheduler, () => 'idle'))
      expectObservable(result).toBe('----------#', undefined, 'idle')
      expectSubscriptions(source.subscriptions).toBe('^---------!')
    })
  })

  it('lets a source finish while progress keeps coming', () => {
    const scheduler = newScheduler()
    scheduler.run(({ cold, hot, expectObservable }) => {
      const source = cold('-------------a|')
      const progress = hot('--p--p--p--p--')
      expectObservable(source.pipe(idleTimeout(progress, 5, scheduler, () => 'idle'))).toBe(
        '-------------a|',
      )
    })
  })

  it('stops watching when unsubscribed', () => {
    const scheduler = newScheduler()
    const progress = new Subject<void>()
    scheduler.run(({ expectObservable }) => {
      expectObservable(NEVER.pipe(idleTimeout(progress, 5, scheduler, () => 'idle')), '--!').toBe(
        '---',
      )
    })
    expect(progress.observed).toBe(false)
  })
})
