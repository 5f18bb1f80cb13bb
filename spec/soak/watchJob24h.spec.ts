// The watch soak (issue 8): watchJob$ follows a job for a simulated 24 hours in virtual time,
// with 5% of its polls failing, and sends exactly the requests its backoff schedule predicts.
import { defer, of, throwError, type Observable } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { watchJob$ } from '../../src/batch/watchJob.js'
import { WATCH_JOB_DEFAULTS, type WatchJobOptions } from '../../src/batch/watchJobOptions.js'
import type { BatchJob } from '../../src/codecs/BatchJob.js'
import { mulberry32 } from '../../packages/emulator/src/prng.js'
import { HttpError } from '../../src/errors/HttpError.js'
import { job } from '../batch/watchJobFixtures.js'

const HOUR = 3_600_000
const QUEUED_UNTIL = 10 * 60_000
const ENDS_AT = 24 * HOUR
const FAILURE_RATE = 0.05
const SEED = 24

/** The job at virtual time `now`: queued 10 minutes, then running (one request a minute), then done. */
const snapshotAt = (now: number): BatchJob => {
  if (now < QUEUED_UNTIL) return job('QUEUED')
  const completed = Math.floor((Math.min(now, ENDS_AT) - QUEUED_UNTIL) / 60_000)
  const counters = { total: 1430, completed, succeeded: completed }
  return job(now >= ENDS_AT ? 'SUCCESS' : 'RUNNING', counters)
}

const retryableFailure = (status: number): HttpError =>
  new HttpError({ status, method: 'GET', url: 'https://api.mistral.ai/v1/batch/jobs/job-1' })

/** What the schedule predicts, drawing the same failures from the same seed. */
interface Expectation {
  readonly polls: number
  readonly failures: number
  readonly emitted: number
  readonly lastPollAt: number
}

/**
 * The backoff schedule of the defaults, written out: the wait starts at `intervalMs`, grows by
 * `backoff` after each poll that saw no status change, up to `maxIntervalMs`, drops back to
 * `intervalMs` when the status changes, and stays as it was after a failed poll.
 */
const expectedSchedule = (): Expectation => {
  const { intervalMs, backoff, maxIntervalMs } = WATCH_JOB_DEFAULTS
  const draw = mulberry32(SEED)
  let now = 0
  let delay: number = intervalMs
  let polls = 0
  let failures = 0
  let emitted = 0
  let last: BatchJob | undefined
  for (;;) {
    polls++
    if (draw() < FAILURE_RATE) {
      failures++
      now += delay
      continue
    }
    const snapshot = snapshotAt(now)
    const statusChanged = last?.status !== snapshot.status
    if (statusChanged || last?.completed_requests !== snapshot.completed_requests) emitted++
    if (snapshot.status === 'SUCCESS') return { polls, failures, emitted, lastPollAt: now }
    delay = statusChanged ? intervalMs : Math.min(delay * backoff, maxIntervalMs)
    last = snapshot
    now += delay
  }
}

/** A 24-hour watch with `options`, the same failures drawn from SEED: what it polled and saw. */
const watch24h = (options: WatchJobOptions) => {
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
  const draw = mulberry32(SEED)
  const pollTimes: number[] = []
  const statuses: string[] = []
  let completedAt: number | undefined
  let failures = 0
  let error: unknown
  scheduler.run(() => {
    const poll = (): Observable<BatchJob> =>
      defer(() => {
        pollTimes.push(scheduler.now())
        if (draw() < FAILURE_RATE) {
          failures++
          return throwError(() => retryableFailure([429, 500, 502, 503][failures % 4]!))
        }
        return of(snapshotAt(scheduler.now()))
      })
    watchJob$(poll, 'job-1', options, scheduler).subscribe({
      next: (snapshot) => statuses.push(snapshot.status),
      error: (e: unknown) => (error = e),
      complete: () => (completedAt = scheduler.now()),
    })
  })
  return { pollTimes, statuses, completedAt, failures, error }
}

describe('watchJob$ over a simulated 24 hours with 5% of polls failing', () => {
  it("paced by the job's progress (the default): fewer polls than the backoff, the end seen within maxIntervalMs", () => {
    const paced = watch24h({})
    const backoff = watch24h({ pace: 'backoff' })
    console.log(
      `watchJob$ 24 h, paced by progress: ${paced.pollTimes.length} polls (backoff: ` +
        `${backoff.pollTimes.length}), end seen ${((paced.completedAt ?? NaN) - ENDS_AT) / 1000} s after it happened`,
    )
    expect(paced.completedAt! - ENDS_AT).toBeGreaterThanOrEqual(0)
    expect(paced.completedAt! - ENDS_AT).toBeLessThanOrEqual(WATCH_JOB_DEFAULTS.maxIntervalMs)
    expect(paced.pollTimes.length).toBeLessThan(backoff.pollTimes.length / 2)
    const gaps = paced.pollTimes.slice(1).map((time, i) => time - paced.pollTimes[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(WATCH_JOB_DEFAULTS.intervalMs)
  })

  it('reaches the terminal snapshot with exactly the requests of its backoff schedule', () => {
    const { pollTimes, statuses, completedAt, failures, error } = watch24h({ pace: 'backoff' })
    const expected = expectedSchedule()
    console.log(
      `watchJob$ 24 h: ${pollTimes.length} polls (${failures} failed), ${statuses.length} snapshots, ` +
        `end seen ${((completedAt ?? NaN) - ENDS_AT) / 1000} s after it happened`,
    )
    expect(error).toBeUndefined()
    expect(statuses[0]).toBe('QUEUED')
    expect(statuses.at(-1)).toBe('SUCCESS')
    expect(pollTimes).toHaveLength(expected.polls)
    expect(failures).toBe(expected.failures)
    expect(statuses).toHaveLength(expected.emitted)
    expect(completedAt).toBe(expected.lastPollAt)
    // the end is seen within one maxIntervalMs, and the cost stays near one poll per 30 s
    expect(completedAt! - ENDS_AT).toBeLessThanOrEqual(WATCH_JOB_DEFAULTS.maxIntervalMs)
    expect(expected.failures).toBeGreaterThan(0.03 * expected.polls)
    expect(expected.polls).toBeLessThan((ENDS_AT / WATCH_JOB_DEFAULTS.maxIntervalMs) * 1.1)
    // never two polls closer than intervalMs: no hot loop, even right after a failure
    const gaps = pollTimes.slice(1).map((time, i) => time - pollTimes[i]!)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(WATCH_JOB_DEFAULTS.intervalMs)
  })
})
