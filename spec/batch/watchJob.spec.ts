// watchJob$ in virtual time: each rule of issue 5 against a poll replaced by cold observables.
import { Observable } from 'rxjs'
import { DecodeError } from '../../src/errors/DecodeError.js'
import { HttpError } from '../../src/errors/HttpError.js'
import { InvalidRequestError } from '../../src/errors/InvalidRequestError.js'
import { NetworkError } from '../../src/errors/NetworkError.js'
import { TimeoutError } from '../../src/errors/TimeoutError.js'
import { watchJob$ } from '../../src/batch/watchJob.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import type { WatchJobOptions } from '../../src/batch/watchJobOptions.js'
import { job, newTestScheduler, scriptedPoll, timedPoll } from './watchJobFixtures.js'

const HOUR = 3_600_000

const httpError = (status: number, retryAfterMs?: number) =>
  new HttpError({
    status,
    method: 'GET',
    url: 'http://127.0.0.1/v1/batch/jobs/job-1',
    retryAfterMs,
  })
const networkError = () =>
  new NetworkError('socket hang up', {
    method: 'GET',
    url: 'http://127.0.0.1/v1/batch/jobs/job-1',
    cause: { name: 'Error', message: 'socket hang up', code: 'ECONNRESET' },
  })

/** Poll times of a job that never changes, with the given options: 0, then each wait added. */
const pollTimesWhileUnchanged = (until: number, first: number, backoff: number, max: number) => {
  const times = [0]
  let delay = first
  while (times[times.length - 1]! + delay <= until) {
    times.push(times[times.length - 1]! + delay)
    delay = Math.min(delay * backoff, max)
  }
  return times
}

describe('watchJob$', () => {
  it('polls nothing before it is subscribed', () => {
    const calls: string[] = []
    const poll = (id: string) => {
      calls.push(id)
      return new Observable<BatchJob>()
    }
    watchJob$(poll, 'job-1', {}, newTestScheduler())
    expect(calls).toEqual([])
  })

  it('emits the first snapshot as soon as the first poll answers', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const response = cold('--a|', { a: job('RUNNING') })
      const watch = watchJob$(() => response, 'job-1', {}, scheduler)
      expectObservable(watch, '^ 999ms !').toBe('--a', { a: job('RUNNING') })
      expectSubscriptions(response.subscriptions).toBe('^-!')
    })
  })

  it('polls the job with the id it is given', () => {
    const scheduler = newTestScheduler()
    scheduler.run(({ flush }) => {
      const ids: string[] = []
      watchJob$(
        (id) => {
          ids.push(id)
          return scriptedPoll(scheduler, [job('SUCCESS')]).poll(id)
        },
        'job-42',
        {},
        scheduler,
      ).subscribe()
      flush()
      expect(ids).toEqual(['job-42'])
    })
  })

  describe('what it emits', () => {
    const script = [
      job('QUEUED'),
      job('RUNNING', { total: 10 }),
      job('RUNNING', { total: 10 }),
      job('RUNNING', { total: 10, completed: 5, succeeded: 4, failed: 1 }),
      job('RUNNING', { total: 10, completed: 5, succeeded: 4, failed: 1 }),
      job('SUCCESS', { total: 10, completed: 10, succeeded: 9, failed: 1 }),
    ]
    const values = { a: script[0], b: script[1], c: script[3], d: script[5] }

    it("emits only changes of status or counters by default ('changes')", () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable, flush }) => {
        const { poll, times } = scriptedPoll(scheduler, script)
        // Polls at 0, 1000 (status change: wait 1000), 2000, 3500, 5750, 9125.
        expectObservable(watchJob$(poll, 'job-1', {}, scheduler)).toBe(
          'a 999ms b 2499ms c 5624ms (d|)',
          values,
        )
        flush()
        expect(times).toEqual([0, 1000, 2000, 3500, 5750, 9125])
      })
    })

    it("emits every poll with emit: 'every'", () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable }) => {
        const { poll } = scriptedPoll(scheduler, script)
        expectObservable(watchJob$(poll, 'job-1', { emit: 'every' }, scheduler)).toBe(
          'a 999ms b 999ms b 1499ms c 2249ms c 3374ms (d|)',
          values,
        )
      })
    })

    it('emits a change of a single counter', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable }) => {
        const a = job('RUNNING', { total: 3 })
        const b = job('RUNNING', { total: 3, failed: 1 })
        const { poll } = scriptedPoll(scheduler, [a, a, b])
        expectObservable(watchJob$(poll, 'job-1', {}, scheduler), '^ 3000ms !').toBe('a 2499ms b', {
          a,
          b,
        })
      })
    })
  })

  describe('completion', () => {
    it.each(['SUCCESS', 'FAILED', 'TIMEOUT_EXCEEDED', 'CANCELLED'])(
      'completes right after emitting a %s snapshot, and polls no more',
      (status) => {
        const scheduler = newTestScheduler()
        scheduler.run(({ expectObservable, flush }) => {
          const { poll, times } = scriptedPoll(scheduler, [job('RUNNING'), job(status)])
          expectObservable(watchJob$(poll, 'job-1', {}, scheduler)).toBe('a 999ms (b|)', {
            a: job('RUNNING'),
            b: job(status),
          })
          flush()
          expect(times).toEqual([0, 1000])
        })
      },
    )

    it('completes at once when the first snapshot is already terminal', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable }) => {
        const { poll } = scriptedPoll(scheduler, [job('SUCCESS')])
        expectObservable(watchJob$(poll, 'job-1', {}, scheduler)).toBe('(a|)', {
          a: job('SUCCESS'),
        })
      })
    })

    it('keeps watching through CANCELLATION_REQUESTED until CANCELLED', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable }) => {
        const { poll } = scriptedPoll(scheduler, [
          job('RUNNING'),
          job('CANCELLATION_REQUESTED'),
          job('CANCELLATION_REQUESTED'),
          job('CANCELLED'),
        ])
        // Polls at 0, 1000, 2000 (no change: wait 1500), 3500.
        expectObservable(watchJob$(poll, 'job-1', {}, scheduler)).toBe('a 999ms b 2499ms (c|)', {
          a: job('RUNNING'),
          b: job('CANCELLATION_REQUESTED'),
          c: job('CANCELLED'),
        })
      })
    })
  })

  describe('pace', () => {
    it('waits intervalMs, then backoff times longer after each poll, up to maxIntervalMs', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const { poll, times } = scriptedPoll(scheduler, [job('RUNNING')])
        const options = { intervalMs: 1000, backoff: 1.5, maxIntervalMs: 5000 }
        const subscription = watchJob$(poll, 'job-1', options, scheduler).subscribe()
        scheduler.schedule(() => subscription.unsubscribe(), 30000)
        flush()
        expect(times).toEqual([0, 1000, 2500, 4750, 8125, 13125, 18125, 23125, 28125])
      })
    })

    it('uses 1000 ms, x1.5 and a 30 s cap by default', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const { poll, times } = scriptedPoll(scheduler, [job('RUNNING')])
        const subscription = watchJob$(poll, 'job-1', {}, scheduler).subscribe()
        scheduler.schedule(() => subscription.unsubscribe(), 200_000)
        flush()
        expect(times.slice(0, 5)).toEqual([0, 1000, 2500, 4750, 8125])
        expect(times).toEqual(pollTimesWhileUnchanged(200_000, 1000, 1.5, 30_000))
        expect(times[times.length - 1]! - times[times.length - 2]!).toBe(30_000)
      })
    })

    it('drops back to intervalMs when the status changes, not when a counter does', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const { poll, times } = scriptedPoll(scheduler, [
          job('QUEUED'),
          job('QUEUED'),
          job('QUEUED'),
          job('RUNNING'),
          job('RUNNING', { completed: 1 }),
          job('RUNNING', { completed: 2 }),
          job('SUCCESS'),
        ])
        watchJob$(poll, 'job-1', {}, scheduler).subscribe()
        flush()
        // Waits: 1000, 1500, 2250, then 1000 after the change to RUNNING, then 1500, 2250,
        // then 3375 before the poll that sees SUCCESS.
        expect(times).toEqual([0, 1000, 2500, 4750, 5750, 7250, 9500])
      })
    })

    it('keeps polling an unknown status at the normal pace, without completing', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable, flush }) => {
        const { poll, times } = scriptedPoll(scheduler, [job('PAUSED_FOR_MAINTENANCE')])
        expectObservable(watchJob$(poll, 'job-1', {}, scheduler), '^ 599999ms !').toBe('a', {
          a: job('PAUSED_FOR_MAINTENANCE'),
        })
        flush()
        // The same 27 polls in 10 minutes as a job that stays RUNNING.
        expect(times).toEqual(pollTimesWhileUnchanged(600_000, 1000, 1.5, 30_000))
        expect(times).toHaveLength(27)
      })
    })

    it('goes on through an unknown status to a terminal one', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable }) => {
        const { poll } = scriptedPoll(scheduler, [job('RUNNING'), job('VALIDATING'), job('FAILED')])
        expectObservable(watchJob$(poll, 'job-1', {}, scheduler)).toBe('a 999ms b 999ms (c|)', {
          a: job('RUNNING'),
          b: job('VALIDATING'),
          c: job('FAILED'),
        })
      })
    })

    /** A job QUEUED for a minute, then RUNNING for an hour with its counters from `at(now)`. */
    const hourJob = (completedAt: (now: number) => number) => (now: number) =>
      now < 60_000
        ? job('QUEUED')
        : now < HOUR
          ? job('RUNNING', { total: 1000, completed: completedAt(now) })
          : job('SUCCESS', { total: 1000, completed: 1000 })

    /** The polls and the moment the watch saw the end of a job polled by `snapshotAt`. */
    const watchTo = (snapshotAt: (now: number) => BatchJob, options: WatchJobOptions = {}) => {
      const scheduler = newTestScheduler()
      let outcome: { polls: number[]; endSeenAt: number | undefined; last: BatchJob } | undefined
      scheduler.run(({ flush }) => {
        const { poll, times } = timedPoll(scheduler, snapshotAt)
        let endSeenAt: number | undefined
        let last: BatchJob | undefined
        watchJob$(poll, 'job-1', options, scheduler).subscribe({
          next: (snapshot) => (last = snapshot),
          complete: () => (endSeenAt = scheduler.now()),
        })
        flush()
        if (last === undefined) throw new Error('the watch emitted nothing')
        outcome = { polls: times, endSeenAt, last }
      })
      if (outcome === undefined) throw new Error('the scheduler did not run')
      return outcome
    }

    const steadily = (now: number) => Math.floor(((now - 60_000) / (HOUR - 60_000)) * 1000)

    it('paces a job whose counters rise steadily for an hour: at most 60 polls, its end seen within 5 s', () => {
      const { polls, endSeenAt, last } = watchTo(hourJob(steadily))
      expect(last.status).toBe('SUCCESS')
      expect(polls.length).toBeLessThanOrEqual(60)
      expect(endSeenAt).toBeGreaterThanOrEqual(HOUR)
      expect(endSeenAt).toBeLessThanOrEqual(HOUR + 5_000)
      // never more often than the floor, never longer than the progress ceiling
      const waits = polls.slice(1).map((at, i) => at - polls[i]!)
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(1_000)
      expect(Math.max(...waits)).toBeLessThanOrEqual(120_000)
    })

    it("costs about 150 polls and sees the end within 30 s with pace: 'backoff' (the old schedule)", () => {
      const { polls, endSeenAt } = watchTo(hourJob(steadily), { pace: 'backoff' })
      expect(polls.length).toBeGreaterThanOrEqual(120)
      expect(polls.length).toBeLessThanOrEqual(150)
      expect(endSeenAt).toBeGreaterThan(HOUR + 5_000)
      expect(endSeenAt).toBeLessThanOrEqual(HOUR + 30_000)
    })

    it('polls a stalled job that then finishes at once as the backoff schedule does', () => {
      const stalled = hourJob((now) => (now < 600_000 ? steadily(now) : steadily(600_000)))
      const paced = watchTo(stalled)
      const backoff = watchTo(stalled, { pace: 'backoff' })
      expect(paced.last.status).toBe('SUCCESS')
      expect(paced.endSeenAt).toBeLessThanOrEqual(HOUR + 30_000)
      expect(paced.endSeenAt! - HOUR).toBeLessThanOrEqual(backoff.endSeenAt! - HOUR)
      expect(paced.polls.length).toBeLessThanOrEqual(backoff.polls.length)
    })

    it('sees a sudden end that the counters did not foretell within maxProgressIntervalMs', () => {
      // steady for the first half at half the pace, then everything done at once
      const suddenEnd = 30 * 60_000
      const snapshotAt = (now: number) =>
        now < suddenEnd
          ? hourJob((at) => Math.floor(steadily(at) / 2))(now)
          : job('SUCCESS', { total: 1000, completed: 1000 })
      const { endSeenAt } = watchTo(snapshotAt)
      expect(endSeenAt).toBeGreaterThanOrEqual(suddenEnd)
      expect(endSeenAt).toBeLessThanOrEqual(suddenEnd + 120_000)
    })

    it('falls back to the backoff schedule on counters that jump, and paces again once steady', () => {
      // bursts of 200 requests every 10 minutes, then a steady second half
      const bursty = hourJob((now) =>
        now < 1_800_000 ? Math.min(500, Math.floor(now / 600_000) * 200) : steadily(now),
      )
      const { polls, endSeenAt } = watchTo(bursty)
      expect(endSeenAt).toBeLessThanOrEqual(HOUR + 30_000)
      const waitsBefore = polls
        .filter((at) => at < 1_800_000)
        .slice(1)
        .map((at, i) => at - polls[i]!)
      expect(Math.max(...waitsBefore)).toBeLessThanOrEqual(30_000)
    })
  })

  describe('errors', () => {
    it.each([
      ['a 503', () => httpError(503)],
      ['a 429', () => httpError(429)],
      ['a connection reset', networkError],
    ])(
      'goes on after a poll failing with %s, the wait growing as if unchanged',
      (_name, makeError) => {
        const scheduler = newTestScheduler()
        scheduler.run(({ expectObservable, flush }) => {
          const a = job('RUNNING', { total: 10 })
          const b = job('RUNNING', { total: 10, completed: 5 })
          const c = job('SUCCESS', { total: 10, completed: 10 })
          const { poll, times } = scriptedPoll(scheduler, [a, makeError(), makeError(), b, c])
          expectObservable(watchJob$(poll, 'job-1', {}, scheduler)).toBe('a 4749ms b 3374ms (c|)', {
            a,
            b,
            c,
          })
          flush()
          expect(times).toEqual([0, 1000, 2500, 4750, 8125])
        })
      },
    )

    it.each([
      ['401', () => httpError(401)],
      ['403', () => httpError(403)],
      ['404', () => httpError(404)],
      ['a DecodeError', () => new DecodeError('Invalid BatchJob', [], ['status'])],
      ['an unknown error', () => new TypeError('poll is broken')],
    ])('ends at once with the error of a poll failing with %s', (_name, makeError) => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable, flush }) => {
        const error = makeError()
        const { poll, times } = scriptedPoll(scheduler, [job('RUNNING'), error, job('SUCCESS')])
        expectObservable(watchJob$(poll, 'job-1', {}, scheduler)).toBe(
          'a 999ms #',
          { a: job('RUNNING') },
          error,
        )
        flush()
        expect(times).toEqual([0, 1000])
      })
    })

    it('passes the very error object on, typed', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const error = httpError(404)
        const { poll } = scriptedPoll(scheduler, [error])
        let received: unknown
        watchJob$(poll, 'job-1', {}, scheduler).subscribe({ error: (e: unknown) => (received = e) })
        flush()
        expect(received).toBe(error)
        expect(received).toBeInstanceOf(HttpError)
        expect((received as HttpError).status).toBe(404)
      })
    })

    it('ends with the last error when failures in a row exceed maxConsecutiveErrors', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable, flush }) => {
        const last = httpError(502)
        const { poll, times } = scriptedPoll(scheduler, [
          job('RUNNING'),
          httpError(500),
          networkError(),
          last,
        ])
        expectObservable(watchJob$(poll, 'job-1', { maxConsecutiveErrors: 2 }, scheduler)).toBe(
          'a 4749ms #',
          { a: job('RUNNING') },
          last,
        )
        flush()
        expect(times).toEqual([0, 1000, 2500, 4750])
      })
    })

    it("waits at least the server's Retry-After before the next poll", () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const { poll, times } = scriptedPoll(scheduler, [
          job('RUNNING'),
          httpError(429, 5000),
          job('SUCCESS'),
        ])
        watchJob$(poll, 'job-1', {}, scheduler).subscribe()
        flush()
        expect(times).toEqual([0, 1000, 6000])
      })
    })

    it('tolerates 10 failures in a row by default, not 11', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const failing = Array.from({ length: 11 }, () => httpError(503))
        const five = scriptedPoll(scheduler, [
          job('RUNNING'),
          ...failing.slice(0, 10),
          job('SUCCESS'),
        ])
        const six = scriptedPoll(scheduler, [job('RUNNING'), ...failing])
        const outcomes: string[] = []
        watchJob$(five.poll, 'job-1', {}, scheduler).subscribe({
          complete: () => outcomes.push('five: complete'),
          error: () => outcomes.push('five: error'),
        })
        watchJob$(six.poll, 'job-1', {}, scheduler).subscribe({
          complete: () => outcomes.push('six: complete'),
          error: (e: unknown) => outcomes.push(`six: error ${e === failing[10]}`),
        })
        flush()
        expect(outcomes.sort()).toEqual(['five: complete', 'six: error true'])
      })
    })

    it('counts only failures in a row: a success resets the count', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable }) => {
        const { poll } = scriptedPoll(scheduler, [
          job('RUNNING'),
          httpError(503),
          httpError(503),
          job('RUNNING'),
          httpError(503),
          httpError(503),
          job('SUCCESS'),
        ])
        // Polls at 0, 1000, 3000, 7000, 15000, 31000, 61000: each wait doubles, up to 30 s.
        const options = { maxConsecutiveErrors: 2, backoff: 2 }
        expectObservable(watchJob$(poll, 'job-1', options, scheduler)).toBe('a 60999ms (b|)', {
          a: job('RUNNING'),
          b: job('SUCCESS'),
        })
      })
    })

    it('refuses options that would poll in a hot loop, before any poll', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const { poll, times } = scriptedPoll(scheduler, [job('RUNNING')])
        let received: unknown
        watchJob$(poll, 'job-1', { intervalMs: 0 }, scheduler).subscribe({
          error: (e: unknown) => (received = e),
        })
        flush()
        expect(times).toEqual([])
        expect(received).toBeInstanceOf(InvalidRequestError)
        expect((received as InvalidRequestError).field).toBe('intervalMs')
        expect((received as Error).message).toBe(
          'watchJob$: intervalMs must be a positive number of milliseconds, got 0',
        )
      })
    })
  })

  describe('deadlineMs', () => {
    it('fails with a TimeoutError carrying the last snapshot seen', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ flush }) => {
        const a = job('RUNNING', { total: 10 })
        const b = job('RUNNING', { total: 10, completed: 3 })
        const bAgain = job('RUNNING', { total: 10, completed: 3 })
        const { poll, times } = scriptedPoll(scheduler, [a, b, bAgain])
        const seen: BatchJob[] = []
        let failure: { at: number; error: unknown } | undefined
        watchJob$(poll, 'job-1', { deadlineMs: 5000 }, scheduler).subscribe({
          next: (snapshot) => seen.push(snapshot),
          error: (error: unknown) => (failure = { at: scheduler.now(), error }),
        })
        flush()
        expect(seen).toEqual([a, b])
        expect(failure?.at).toBe(5000)
        const error = failure?.error as TimeoutError
        expect(error).toBeInstanceOf(TimeoutError)
        expect(error.message).toBe('watchJob$: job job-1 reached no terminal status within 5000 ms')
        expect(error.timeoutMs).toBe(5000)
        // Polls at 2500 and 4750 saw b again, not emitted: lastSnapshot is the last one seen.
        expect(error.lastSnapshot).toBe(bAgain)
        expect(times).toEqual([0, 1000, 2500, 4750])
      })
    })

    it('gives lastSnapshot undefined when no poll has answered, and aborts the poll', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const silent = cold<BatchJob>('-')
        const watch = watchJob$(() => silent, 'job-1', { deadlineMs: 2000 }, scheduler)
        expectObservable(watch).toBe(
          '2000ms #',
          {},
          new TimeoutError('watchJob$: job job-1 reached no terminal status within 2000 ms', {
            timeoutMs: 2000,
            lastSnapshot: undefined,
          }),
        )
        expectSubscriptions(silent.subscriptions).toBe('^ 1999ms !')
      })
    })

    it('does nothing once the job ended before it', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ expectObservable }) => {
        const { poll } = scriptedPoll(scheduler, [job('RUNNING'), job('SUCCESS')])
        expectObservable(watchJob$(poll, 'job-1', { deadlineMs: 5000 }, scheduler)).toBe(
          'a 999ms (b|)',
          { a: job('RUNNING'), b: job('SUCCESS') },
        )
      })
    })
  })

  describe('unsubscribing', () => {
    it('aborts the poll in flight and polls no more', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ cold, expectObservable, expectSubscriptions, flush }) => {
        const response = cold('--a|', { a: job('RUNNING') })
        let calls = 0
        const poll = () => {
          calls += 1
          return response
        }
        // Polls at 0 (answer at 2) and 1002; leaving at 1003 cuts the second one short.
        expectObservable(watchJob$(poll, 'job-1', { emit: 'every' }, scheduler), '^ 1002ms !').toBe(
          '--a',
          { a: job('RUNNING') },
        )
        expectSubscriptions(response.subscriptions).toBe(['^-!', '1002ms ^!'])
        flush()
        expect(calls).toBe(2)
      })
    })

    it('cancels the pending wait and leaves no scheduled action', () => {
      const scheduler = newTestScheduler()
      scheduler.run(({ cold, expectSubscriptions, flush }) => {
        const response = cold('--a|', { a: job('RUNNING') })
        const subscription = watchJob$(
          () => response,
          'job-1',
          { deadlineMs: 60_000 },
          scheduler,
        ).subscribe()
        let pendingAfterUnsubscribe = -1
        scheduler.schedule(() => subscription.unsubscribe(), 1500)
        scheduler.schedule(() => (pendingAfterUnsubscribe = scheduler.actions.length), 1600)
        expectSubscriptions(response.subscriptions).toBe(['^-!', '1002ms ^-!'])
        flush()
        expect(pendingAfterUnsubscribe).toBe(0)
      })
    })
  })
})
