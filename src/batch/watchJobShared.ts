// One polling loop per job for all its concurrent watchers: N subscribers cost one request a poll.
import { defer, finalize, type Observable, ReplaySubject, type SchedulerLike, share } from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import { type PollJob, watchJob$ } from './watchJob.js'
import {
  resolveWatchJobOptions,
  type WatchJobOptions,
  watchJobOptionsKey,
} from './watchJobOptions.js'

/** Watches jobs, sharing each running loop among the watchers of the same job and options. */
export interface JobWatcher {
  /**
   * Like `watchJob$`, but subscribers of the same job with equal options (after defaults) share
   * one loop: a late subscriber first gets the latest snapshot, the loop stops when the last
   * subscriber leaves, and a subscription after that starts a fresh one. A shared `deadlineMs`
   * counts from the loop's start, not from each subscription.
   */
  watch$(jobId: string, options?: WatchJobOptions): Observable<BatchJob>
}

/** Creates a `JobWatcher` polling with `poll` on `scheduler`: the client keeps one. */
export function createJobWatcher(poll: PollJob, scheduler: SchedulerLike): JobWatcher {
  const loops = new Map<string, Observable<BatchJob>>()

  const loopFor = (jobId: string, options: WatchJobOptions): Observable<BatchJob> => {
    const resolved = resolveWatchJobOptions(options)
    // Invalid options get their error from watchJob$ itself; there is nothing to share.
    if (!resolved.ok) return watchJob$(poll, jobId, options, scheduler)
    const key = JSON.stringify([jobId, watchJobOptionsKey(resolved.value)])
    const running = loops.get(key)
    if (running !== undefined) return running
    const loop: Observable<BatchJob> = watchJob$(poll, jobId, resolved.value, scheduler).pipe(
      finalize(() => {
        if (loops.get(key) === loop) loops.delete(key)
      }),
      share({
        connector: () => new ReplaySubject<BatchJob>(1),
        resetOnError: true,
        resetOnComplete: true,
        resetOnRefCountZero: true,
      }),
    )
    loops.set(key, loop)
    return loop
  }

  return { watch$: (jobId, options = {}) => defer(() => loopFor(jobId, options)) }
}
