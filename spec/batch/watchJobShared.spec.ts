// createJobWatcher in virtual time: concurrent watchers of one job share a single polling loop.
import { createJobWatcher } from '../../src/batch/watchJobShared.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import { HttpError } from '../../src/errors/HttpError.js'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import { job, newTestScheduler, scriptedPoll } from './watchJobFixtures.js'

describe('createJobWatcher', () => {
  it('polls nothing before a watch is subscribed', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ flush }) => {
      const { poll, times } = scriptedPoll(scheduler, [job('RUNNING')])
      createJobWatcher(poll, scheduler).watch$('job-1')
      flush()
      expect(times).toEqual([])
    })
  })

  it('serves 3 subscribers of one job with one poll per tick', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ expectObservable, flush }) => {
      const { poll, times } = scriptedPoll(scheduler, [
        job('QUEUED'),
        job('RUNNING'),
        job('SUCCESS'),
      ])
      const watcher = createJobWatcher(poll, scheduler)
      const values = { a: job('QUEUED'), b: job('RUNNING'), c: job('SUCCESS') }
      for (let i = 0; i < 3; i++) {
        expectObservable(watcher.watch$('job-1')).toBe('a 999ms b 999ms (c|)', values)
      }
      flush()
      expect(times).toEqual([0, 1000, 2000])
    })
  })

  it('serves 1,000 subscribers of one running job with one request per poll', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ flush }) => {
      const { poll, times } = scriptedPoll(scheduler, [job('RUNNING')])
      const watcher = createJobWatcher(poll, scheduler)
      const subscriptions = Array.from({ length: 1000 }, () => watcher.watch$('job-1').subscribe())
      scheduler.schedule(() => subscriptions.forEach((s) => s.unsubscribe()), 60_000)
      flush()
      expect(times).toEqual([0, 1000, 2500, 4750, 8125, 13187.5, 20781.25, 32171.875, 49257.8125])
    })
  })

  it('gives a late subscriber the latest snapshot at once, without polling for it', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ expectObservable, flush }) => {
      const a = job('RUNNING', { total: 10 })
      const b = job('RUNNING', { total: 10, completed: 4 })
      const { poll, times } = scriptedPoll(scheduler, [a, b, b, job('SUCCESS')])
      const watcher = createJobWatcher(poll, scheduler)
      const late = '3000ms ^'
      expectObservable(watcher.watch$('job-1')).toBe('a 999ms b 3749ms (c|)', {
        a,
        b,
        c: job('SUCCESS'),
      })
      expectObservable(watcher.watch$('job-1'), late).toBe('3000ms b 1749ms (c|)', {
        b,
        c: job('SUCCESS'),
      })
      flush()
      expect(times).toEqual([0, 1000, 2500, 4750])
    })
  })

  it('stops the loop when the last subscriber leaves, and starts afresh on a new one', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const response = cold('-a|', { a: job('RUNNING') })
      const watcher = createJobWatcher(() => response, scheduler)
      const values = { a: job('RUNNING') }
      expectObservable(watcher.watch$('job-1'), '^ 1499ms !').toBe('-a', values)
      expectObservable(watcher.watch$('job-1'), '^ 1999ms !').toBe('-a', values)
      expectObservable(watcher.watch$('job-1'), '5000ms ^ 1999ms !').toBe('5001ms a', values)
      // One loop polls at 0 and 1001 and stops at 2000 (its next poll was due at 2502);
      // the new subscriber's loop polls at 5000 and 6001 as a fresh one does.
      expectSubscriptions(response.subscriptions).toBe([
        '^!',
        '1001ms ^!',
        '5000ms ^!',
        '6001ms ^!',
      ])
    })
  })

  it('shares only between watches whose options resolve to the same values', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ flush }) => {
      const { poll, times } = scriptedPoll(scheduler, [job('RUNNING')])
      const watcher = createJobWatcher(poll, scheduler)
      const subscriptions = [
        watcher.watch$('job-1'),
        watcher.watch$('job-1', { intervalMs: 1000, emit: 'changes' }),
        watcher.watch$('job-1', { emit: 'every' }),
      ].map((watch) => watch.subscribe())
      scheduler.schedule(() => subscriptions.forEach((s) => s.unsubscribe()), 1500)
      flush()
      // Two loops: the defaults (given or not), and emit: 'every'.
      expect(times).toEqual([0, 0, 1000, 1000])
    })
  })

  it('keeps one loop per job id', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ flush }) => {
      const ids: string[] = []
      const { poll } = scriptedPoll(scheduler, [job('RUNNING')])
      const watcher = createJobWatcher((id) => {
        ids.push(id)
        return poll(id)
      }, scheduler)
      const subscriptions = ['job-1', 'job-2', 'job-1'].map((id) => watcher.watch$(id).subscribe())
      scheduler.schedule(() => subscriptions.forEach((s) => s.unsubscribe()), 1500)
      flush()
      expect(ids).toEqual(['job-1', 'job-2', 'job-1', 'job-2'])
    })
  })

  it('starts a fresh loop for a subscriber that comes after the job ended', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ expectObservable, flush }) => {
      const { poll, times } = scriptedPoll(scheduler, [job('RUNNING'), job('SUCCESS')])
      const watcher = createJobWatcher(poll, scheduler)
      const values = { a: job('RUNNING'), b: job('SUCCESS') }
      expectObservable(watcher.watch$('job-1')).toBe('a 999ms (b|)', values)
      expectObservable(watcher.watch$('job-1'), '5000ms ^').toBe('5000ms (b|)', values)
      flush()
      expect(times).toEqual([0, 1000, 5000])
    })
  })

  it('gives every subscriber the error that ends the loop, then starts afresh', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ expectObservable, flush }) => {
      const notFound = new HttpError({ status: 404, method: 'GET', url: 'http://127.0.0.1/x' })
      const { poll, times } = scriptedPoll(scheduler, [job('RUNNING'), notFound])
      const watcher = createJobWatcher(poll, scheduler)
      const values = { a: job('RUNNING') }
      expectObservable(watcher.watch$('job-1')).toBe('a 999ms #', values, notFound)
      expectObservable(watcher.watch$('job-1'), '500ms ^').toBe('500ms a 499ms #', values, notFound)
      expectObservable(watcher.watch$('job-1'), '2000ms ^').toBe('2000ms #', values, notFound)
      flush()
      expect(times).toEqual([0, 1000, 2000])
    })
  })

  it('passes invalid options on to the watch, which refuses them', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ flush }) => {
      const { poll, times } = scriptedPoll(scheduler, [job('RUNNING')])
      let received: unknown
      createJobWatcher(poll, scheduler)
        .watch$('job-1', { backoff: 0.5 })
        .subscribe({ error: (e: unknown) => (received = e) })
      flush()
      expect(received).toBeInstanceOf(InvalidRequestError)
      expect(times).toEqual([])
    })
  })

  it('emits the same snapshot objects to every subscriber', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ flush }) => {
      const { poll } = scriptedPoll(scheduler, [job('RUNNING'), job('SUCCESS')])
      const watcher = createJobWatcher(poll, scheduler)
      const first: BatchJob[] = []
      const second: BatchJob[] = []
      watcher.watch$('job-1').subscribe((s) => first.push(s))
      watcher.watch$('job-1').subscribe((s) => second.push(s))
      flush()
      expect(first).toHaveLength(2)
      expect(second[0]).toBe(first[0])
      expect(second[1]).toBe(first[1])
    })
  })
})
