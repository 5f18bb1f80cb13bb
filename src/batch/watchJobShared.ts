// One polling loop per job for all its concurrent watchers: N subscribers cost one request a poll.
import * as E from 'fp-ts/Either'
import {
  defer,
  finalize,
  type Observable,
  ReplaySubject,
  type SchedulerLike,
  share,
  throwError,
} from 'rxjs'
import { BatchJob } from '../codecs/BatchJob.js'
import type { HttpContext } from '../http/HttpContext.js'
import { JOBS } from '../http/idRequest.js'
import { requestJson$ } from '../http/requestJson.js'
import { encodePathSegment } from '../http/url.js'
import { pollLoop$, type PollJob } from './watchJob.js'
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
    if (E.isLeft(resolved)) return throwError(() => resolved.left)
    const key = JSON.stringify([jobId, watchJobOptionsKey(resolved.right)])
    const running = loops.get(key)
    if (running !== undefined) return running
    const loop: Observable<BatchJob> = pollLoop$(poll, jobId, resolved.right, scheduler).pipe(
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

/**
 * The poll of a client's watcher: one attempt of `GET /v1/batch/jobs/{job_id}` for an id already
 * checked, never retried inside (the watch's tolerance of failed polls is its one retry layer).
 */
export const singlePoll =
  (ctx: HttpContext): PollJob =>
  (jobId) =>
    requestJson$(
      ctx,
      { method: 'GET', path: `${JOBS.path}/${encodePathSegment(jobId)}`, retry: 'none' },
      BatchJob,
    )
