// watchJob$: follows a batch job by adaptive polling until a terminal status, in rxjs time only.
import {
  catchError,
  concatMap,
  defer,
  EMPTY,
  expand,
  filter,
  first,
  map,
  mergeMap,
  type Observable,
  of,
  type SchedulerLike,
  takeUntil,
  tap,
  throwError,
} from 'rxjs'
import type { BatchJob } from '../codecs/BatchJob.js'
import { TimeoutError } from '../errors/TimeoutError.js'
import { fromEither$ } from '../fp/either.js'
import { isRetryableError, retryAfterOf } from '../http/retry.js'
import { boundedTimer } from '../time/boundedTimer.js'
import {
  resolveWatchJobOptions,
  type ResolvedWatchJobOptions,
  type WatchJobOptions,
} from './watchJobOptions.js'
import {
  initialWatchState,
  stepOnRetryableError,
  stepOnSnapshot,
  type WatchState,
  type WatchStep,
} from './watchJobStep.js'

/**
 * Fetches one snapshot of a job; only its first value is used. It should not retry by itself:
 * the watch's own tolerance of failed polls is the one retry layer (the client passes a single
 * attempt of `GET /v1/batch/jobs/{job_id}`).
 */
export type PollJob = (jobId: string) => Observable<BatchJob>

/**
 * `BatchApi.watchJob$` without the sharing: polls on an adaptive schedule until a terminal
 * snapshot. A failed poll is retried only by the watch's own tolerance (`maxConsecutiveErrors`).
 */
export const watchJob$ = (
  poll: PollJob,
  jobId: string,
  options: WatchJobOptions,
  scheduler: SchedulerLike,
): Observable<BatchJob> =>
  defer(() => fromEither$(resolveWatchJobOptions(options))).pipe(
    mergeMap((settings) => pollLoop$(poll, jobId, settings, scheduler)),
  )

/** `watchJob$` with its options already resolved: what the client's shared watcher runs. */
export function pollLoop$(
  poll: PollJob,
  jobId: string,
  settings: ResolvedWatchJobOptions,
  scheduler: SchedulerLike,
): Observable<BatchJob> {
  return defer(() => {
    let lastSnapshot: BatchJob | undefined
    const pollOnce = (state: WatchState): Observable<WatchStep> =>
      defer(() => poll(jobId)).pipe(
        first(),
        map((job) => stepOnSnapshot(state, job, settings, scheduler.now())),
        catchError((error: unknown) => {
          const step = isRetryableError(error)
            ? stepOnRetryableError(state, settings, retryAfterOf(error))
            : undefined
          return step === undefined ? throwError(() => error) : of(step)
        }),
      )

    const snapshots$ = pollOnce(initialWatchState(settings)).pipe(
      expand((step) =>
        step.terminal
          ? EMPTY
          : boundedTimer(step.state.delayMs, scheduler).pipe(concatMap(() => pollOnce(step.state))),
      ),
      tap((step) => (lastSnapshot = step.state.last)),
      map((step) => step.emit),
      filter((job): job is BatchJob => job !== undefined),
    )

    const { deadlineMs } = settings
    if (deadlineMs === undefined) return snapshots$
    const deadlineError = () =>
      new TimeoutError(
        `watchJob$: job ${jobId} reached no terminal status within ${deadlineMs} ms`,
        { timeoutMs: deadlineMs, lastSnapshot },
      )
    // takeUntil passes its notifier's error downstream: that is how the deadline fails the watch.
    const deadline$ = boundedTimer(deadlineMs, scheduler).pipe(
      mergeMap(() => throwError(deadlineError)),
    )
    return snapshots$.pipe(takeUntil(deadline$))
  })
}
