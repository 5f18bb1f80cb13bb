// Follows the jobs of a run side by side: progress while each runs, then each one's results.
import { concat, defer, EMPTY, map, merge, type Observable, type Subscription } from 'rxjs'
import type { WatchJobOptions } from '../batch/watchJobOptions.js'
import type { BatchJob } from '../codecs/BatchJob.js'
import type { CompletedEvent, ProgressEvent, ResultEvent } from './BatchEvent.js'
import type { JobTracker } from './jobTracker.js'
import type { ResultJoin } from './resultJoin.js'
import type { RunDeps } from './runDeps.js'

/** A job of a run, the shard it runs and its round (`attempt`, 1 when absent). */
export interface ShardJob {
  readonly shard: number
  readonly jobId: string
  readonly attempt?: number
}

const followJob$ = <B, C>(
  deps: RunDeps<B, C>,
  { shard, jobId, attempt = 1 }: ShardJob,
  watch: WatchJobOptions | undefined,
  tracker: JobTracker,
  join: ResultJoin,
): Observable<ProgressEvent | ResultEvent<B, C>> =>
  defer(() => {
    let last: BatchJob | undefined
    const progress$ = deps.watchJob$(jobId, watch).pipe(
      map((job): ProgressEvent => {
        last = job
        tracker.update(shard, job, attempt)
        return { type: 'progress', shard, job, totals: tracker.totals(), usage: join.usageSoFar() }
      }),
    )
    const results$ = defer(() =>
      last === undefined
        ? EMPTY
        : deps.results$(last).pipe(
            map((line): ResultEvent<B, C> => ({
              type: 'result',
              shard,
              jobId,
              attempt,
              ...join.record(line),
              result: line,
            })),
          ),
    )
    return concat(progress$, results$)
  })

/**
 * An Observable that, when subscribed, watches every job at once, emitting a `progress` event per
 * snapshot, and streams each job's results as `result` events as soon as that job has ended.
 * It completes when every job's results are through.
 */
export const followJobs$ = <B, C>(
  deps: RunDeps<B, C>,
  jobs: ReadonlyArray<ShardJob>,
  watch: WatchJobOptions | undefined,
  tracker: JobTracker,
  join: ResultJoin,
): Observable<ProgressEvent | ResultEvent<B, C>> =>
  merge(...jobs.map((job) => followJob$(deps, job, watch, tracker, join)))

/** The `completed` event: the last snapshot of each job and the summary of `join`. */
export const completedEvent = (
  tracker: JobTracker,
  join: ResultJoin,
  total: number,
): CompletedEvent => ({ type: 'completed', jobs: tracker.jobs(), summary: join.summary(total) })

/** Subscribes to `operation$` and forgets it: a request that must outlive the run's teardown. */
export const fireAndForget = (operation$: Observable<unknown>): Subscription =>
  operation$.subscribe({ error: () => undefined })

/** Sends one cancel for every job of `jobIds` not seen in a terminal status by `tracker`. */
export const cancelRunning = (
  deps: RunDeps,
  tracker: JobTracker,
  jobIds: ReadonlyArray<string>,
): void => {
  for (const jobId of jobIds) {
    if (!tracker.finished(jobId)) fireAndForget(deps.cancel$(jobId))
  }
}
