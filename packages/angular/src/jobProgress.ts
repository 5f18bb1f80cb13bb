// jobProgress: a signal of a batch job's latest snapshot, polled while its injector lives.
import { assertInInjectionContext, computed, inject, Injector, type Signal } from '@angular/core'
import { toObservable, toSignal } from '@angular/core/rxjs-interop'
import {
  isMistralBatchError,
  type BatchJob,
  type MistralBatchError,
  type WatchJobOptions,
} from 'mistral-batch-rx'
import { catchError, map, of, scan, startWith, switchMap, throwError, type Observable } from 'rxjs'
import { clientFrom } from './clientToken.js'

/** How `jobProgress` watches a job: `watchJob$`'s options, and the injector to use. */
export interface JobProgressOptions extends WatchJobOptions {
  /**
   * The injector that provides the client and whose destruction ends the watch; needed only
   * outside an injection context.
   * @default the current injection context's
   */
  readonly injector?: Injector
}

/**
 * The latest snapshot of a job, `undefined` before the first poll answers; reading it never
 * throws. `error` holds the `MistralBatchError` that ended the watch (the snapshot keeps the last
 * job seen), and stays `undefined` while the watch runs and after it ends at a terminal status.
 */
export type JobProgressSignal = Signal<BatchJob | undefined> & {
  /** The error that ended the watch: an `HttpError` after its retries, a `TimeoutError`, ... */
  readonly error: Signal<MistralBatchError | undefined>
}

interface Progress {
  readonly job: BatchJob | undefined
  readonly error: MistralBatchError | undefined
}

const NOTHING_YET: Progress = { job: undefined, error: undefined }

/**
 * One watch as progress: each snapshot, then the error that ended it beside the last snapshot.
 * An error that is no `MistralBatchError` is a bug: it is rethrown, and reading the signal throws it.
 */
const progress$ = (watch$: Observable<BatchJob>): Observable<Progress> =>
  watch$.pipe(
    map((job): Progress => ({ job, error: undefined })),
    catchError((error: unknown) =>
      isMistralBatchError(error) ? of({ job: undefined, error }) : throwError(() => error),
    ),
    scan((seen, next) => ({ job: next.job ?? seen.job, error: next.error }), NOTHING_YET),
    // a new job id shows nothing until its own first snapshot
    startWith(NOTHING_YET),
  )

/**
 * A signal of the latest snapshot of batch job `jobId`, from `client.batch.watchJob$(jobId,
 * options)` through `toSignal`: it polls from the call (or, for a signal id, from its first value)
 * until a terminal status, and stops polling when the injector is destroyed (for a component,
 * when it is). A signal `jobId` switches the watch whenever it changes (`undefined`: none). Call
 * it in an injection context, or pass `options.injector`. Watchers of one job with equal options
 * share one polling loop of the client.
 */
export function jobProgress(
  jobId: string | Signal<string | undefined>,
  options: JobProgressOptions = {},
): JobProgressSignal {
  const { injector: given, ...watchOptions } = options
  if (given === undefined) assertInInjectionContext(jobProgress)
  const injector = given ?? inject(Injector)
  const client = clientFrom(injector, 'jobProgress')
  const ids$ = typeof jobId === 'string' ? of(jobId) : toObservable(jobId, { injector })
  const state = toSignal(
    ids$.pipe(
      switchMap((id) =>
        id === undefined ? of(NOTHING_YET) : progress$(client.batch.watchJob$(id, watchOptions)),
      ),
    ),
    { initialValue: NOTHING_YET, injector },
  )
  return Object.assign(
    computed(() => state().job),
    { error: computed(() => state().error) },
  )
}
