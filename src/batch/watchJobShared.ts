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
import { listPoll, type ListPages } from './jobPollHub.js'
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

/**
 * Creates a `JobWatcher` polling with `poll` on `scheduler`: the client keeps one. With
 * `listPages`, the polls of many jobs watched at once go through the job list (see listPoll).
 */
export function createJobWatcher(
  poll: PollJob,
  scheduler: SchedulerLike,
  listPages?: ListPages,
): JobWatcher {
  const loops = new Map<string, Observable<BatchJob>>()
  /** The jobs with a loop running, and how many loops each (one per distinct options). */
  const loopsPerJob = new Map<string, number>()
  const watchedIds = new Set<string>()
  /** The `intervalMs` of each running loop, by its key. */
  const intervals = new Map<string, number>()
  const shortestIntervalMs = () => Math.min(...intervals.values())
  const pollJob =
    listPages === undefined
      ? poll
      : listPoll(poll, listPages, () => watchedIds, shortestIntervalMs, scheduler)
  const started = (jobId: string, key: string, intervalMs: number) => {
    intervals.set(key, intervalMs)
    loopsPerJob.set(jobId, (loopsPerJob.get(jobId) ?? 0) + 1)
    watchedIds.add(jobId)
  }
  const stopped = (jobId: string, key: string) => {
    intervals.delete(key)
    const left = (loopsPerJob.get(jobId) ?? 1) - 1
    if (left > 0) return loopsPerJob.set(jobId, left)
    loopsPerJob.delete(jobId)
    watchedIds.delete(jobId)
  }

  const loopFor = (jobId: string, options: WatchJobOptions): Observable<BatchJob> => {
    const resolved = resolveWatchJobOptions(options)
    if (E.isLeft(resolved)) return throwError(() => resolved.left)
    const key = JSON.stringify([jobId, watchJobOptionsKey(resolved.right)])
    const running = loops.get(key)
    if (running !== undefined) return running
    const loop: Observable<BatchJob> = defer(() => {
      started(jobId, key, resolved.right.intervalMs)
      return pollLoop$(pollJob, jobId, resolved.right, scheduler).pipe(
        finalize(() => stopped(jobId, key)),
      )
    }).pipe(
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
