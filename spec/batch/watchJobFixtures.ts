// Test doubles for the watchJob$ specs: job snapshots and a scripted poll in virtual time.
import { defer, type Observable, throwError, of } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import type { BatchJob } from '../../src/codecs/BatchJob.js'

/** The request counters of a job, all 0 unless given. */
export interface Counters {
  total?: number
  completed?: number
  succeeded?: number
  failed?: number
}

/** A minimal valid job snapshot with `status` and the given counters. */
export function job(status: string, counters: Counters = {}): BatchJob {
  return {
    id: 'job-1',
    object: 'batch',
    input_files: ['file-1'],
    endpoint: '/v1/chat/completions',
    errors: [],
    status,
    created_at: 1_700_000_000,
    total_requests: counters.total ?? 0,
    completed_requests: counters.completed ?? 0,
    succeeded_requests: counters.succeeded ?? 0,
    failed_requests: counters.failed ?? 0,
  }
}

/** A poll double and the virtual times at which it was called. */
export interface ScriptedPoll {
  readonly poll: (jobId: string) => Observable<BatchJob>
  readonly times: number[]
}

/**
 * A poll that answers at once with the script's items in turn (an `Error` item fails that poll),
 * repeating the last item when the script runs out; it records the virtual time of each call.
 */
export function scriptedPoll(
  scheduler: TestScheduler,
  script: ReadonlyArray<BatchJob | Error>,
): ScriptedPoll {
  const times: number[] = []
  const poll = () =>
    defer(() => {
      const item = script[Math.min(times.length, script.length - 1)]
      times.push(scheduler.now())
      if (item === undefined) throw new Error('scriptedPoll needs a non-empty script')
      return item instanceof Error ? throwError(() => item) : of(item)
    })
  return { poll, times }
}

/** A poll that answers with `snapshotAt(now)`, the job's state at that virtual time. */
export function timedPoll(
  scheduler: TestScheduler,
  snapshotAt: (now: number) => BatchJob,
): ScriptedPoll {
  const times: number[] = []
  const poll = () =>
    defer(() => {
      times.push(scheduler.now())
      return of(snapshotAt(scheduler.now()))
    })
  return { poll, times }
}

/** A TestScheduler asserting with jest's deep equality. */
export function newTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
}
