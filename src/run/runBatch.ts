// runBatch$: a whole batch as one stream of events, from the input requests to the last result.
import * as E from 'fp-ts/Either'
import {
  catchError,
  concat,
  concatMap,
  defer,
  EMPTY,
  finalize,
  from,
  ignoreElements,
  map,
  merge,
  type Observable,
  of,
  take,
  tap,
  throwError,
} from 'rxjs'
import { fromEither$ } from '../fp/either.js'
import { CustomIdRegistry } from '../requests/customIdRegistry.js'
import { checkRequests, type CustomIdOf } from '../requests/preparedRequest.js'
import { RequestCursor, type RunRequests } from '../requests/requestCursor.js'
import type { BatchEvent, CreatedEvent } from './BatchEvent.js'
import { cancelRunning, completedEvent, fireAndForget, followJobs$ } from './followJobs.js'
import { inputShards$, type RunShard } from './inputShards.js'
import { JobTracker } from './jobTracker.js'
import { ResultJoin } from './resultJoin.js'
import type { RunDeps } from './runDeps.js'
import {
  resolveRunOptions,
  shardKey,
  type ResolvedRunOptions,
  type RunBatchOptions,
} from './runOptions.js'

/** What one run keeps while it goes: its shards, their jobs, and the join of the results. */
class Run {
  readonly registry = new CustomIdRegistry()
  readonly shards: RunShard[] = []
  readonly tracker = new JobTracker()
  readonly join = new ResultJoin(this.registry)
  readonly jobIds: string[] = []
  readonly cursor: RequestCursor

  constructor(
    readonly deps: RunDeps,
    readonly requests: RunRequests,
    readonly settings: ResolvedRunOptions,
    readonly allowUnknownEndpoint: boolean | undefined,
  ) {
    // an array is checked whole (shapes and ids) before anything is sent, a stream as it is read
    const customIdOf: CustomIdOf = Array.isArray(requests)
      ? (index, given) => E.right(given ?? String(index))
      : (index, given) => this.registry.add(index, given)
    this.cursor = new RequestCursor(requests, customIdOf, settings.maxFileBytes)
  }

  create$(shard: RunShard): Observable<CreatedEvent> {
    const { job } = this.settings
    return this.deps
      .create$(
        shard.file === undefined
          ? { ...job, requests: shard.requests ?? [] }
          : { ...job, input_files: [shard.file.id] },
        {
          idempotencyKey: shardKey(this.settings, shard.shard),
          ...(this.allowUnknownEndpoint === undefined
            ? {}
            : { allowUnknownEndpoint: this.allowUnknownEndpoint }),
        },
      )
      .pipe(
        take(1),
        map((created): CreatedEvent => {
          shard.jobId = created.id
          this.tracker.update(shard.shard, created)
          this.jobIds.push(created.id)
          const jobIds = [...this.jobIds]
          return {
            type: 'created',
            shard: shard.shard,
            job: created,
            jobIds,
            shards: this.shards.length,
          }
        }),
      )
  }

  /** Every shard uploaded, then every job created; on a failure, all of it undone first. */
  setup$(): Observable<BatchEvent> {
    const knownLength = Array.isArray(this.requests) ? this.requests.length : undefined
    return concat(
      inputShards$(this.deps, this.cursor, this.settings, knownLength, this.shards),
      defer(() => from(this.shards).pipe(concatMap((shard) => this.create$(shard)))),
    ).pipe(
      catchError((error: unknown) =>
        concat(
          this.undo$(),
          throwError(() => error),
        ),
      ),
    )
  }

  // Runs to its end before the error is passed on, so no file or job is left behind.
  private undo$(): Observable<never> {
    const undoShard$ = (shard: RunShard): Observable<unknown> => {
      if (shard.jobId !== undefined) return this.deps.cancel$(shard.jobId)
      return shard.file === undefined ? EMPTY : this.deps.deleteFile$(shard.file.id)
    }
    return merge(
      ...this.shards.map((shard) => undoShard$(shard).pipe(catchError(() => EMPTY))),
    ).pipe(ignoreElements())
  }

  follow$(): Observable<BatchEvent> {
    return defer(() =>
      followJobs$(
        this.deps,
        this.shards.flatMap(({ shard, jobId }) => (jobId === undefined ? [] : [{ shard, jobId }])),
        this.settings.watch,
        this.tracker,
        this.join,
      ),
    )
  }

  /** Deletes the files no job uses yet and, when asked, cancels the jobs still running. */
  onUnsubscribe(): void {
    for (const shard of this.shards) {
      if (shard.jobId === undefined && shard.file !== undefined) {
        fireAndForget(this.deps.deleteFile$(shard.file.id))
      }
    }
    if (this.settings.cancelOnUnsubscribe) cancelRunning(this.deps, this.tracker, this.jobIds)
  }
}

/**
 * An Observable that, when subscribed, runs `requests` as batch jobs and emits the run as events:
 * `uploaded` per input file (file mode), `created` per job, `progress` per job snapshot (with
 * the counters summed across jobs), `result` per result line joined to its request, and last
 * `completed` with every job's final snapshot and a summary (succeeded, failed, `missing`,
 * `unexpected`, `duplicates`).
 *
 * Requests without a `custom_id` get their input index as text; the ids are checked unique as
 * the input is read (an array is checked whole before anything is sent). In file mode each shard
 * of at most `maxRequestsPerJob` requests and `maxFileBytes` bytes is encoded and uploaded as it
 * streams in; jobs are created only once the whole input has been read and checked, so a bad
 * request never leaves a job behind. On an input, upload or create failure the run ends with
 * that error after deleting the files it uploaded and cancelling any job it created (all or
 * nothing). The join keeps the custom_ids only, never the bodies. Unsubscribing deletes uploaded
 * files no job uses yet and, with `cancelOnUnsubscribe`, cancels the jobs still running (a
 * create in flight at that moment is aborted, but the server may have made the job: it is then
 * neither reported nor cancelled). A job that ends `FAILED`, `CANCELLED` or `TIMEOUT_EXCEEDED`
 * does not end the stream: its results are streamed and `completed` reports its status.
 *
 * Iterables and async iterables are read only as fast as the upload sends them; an Observable
 * cannot be slowed, so what it pushes ahead of the upload waits in memory. An upload is retried
 * (after a 429) only from an array, which can be read again; from a one-shot source the run
 * fails with the upload's error. Inline mode holds the requests of all its jobs in memory.
 */
export const runBatch$ = (
  deps: RunDeps,
  requests: RunRequests,
  options: RunBatchOptions,
): Observable<BatchEvent> =>
  defer(() => fromEither$(resolveRunOptions(options))).pipe(
    concatMap((settings) => {
      const run = new Run(deps, requests, settings, options.allowUnknownEndpoint)
      const checked = Array.isArray(requests) ? checkRequests(requests, run.registry) : E.right(0)
      if (E.isLeft(checked)) return throwError(() => checked.left)
      return concat(
        run.setup$(),
        run.follow$(),
        defer(() => of(completedEvent(run.tracker, run.join, run.registry.count))),
      ).pipe(
        tap({ unsubscribe: () => run.onUnsubscribe() }),
        finalize(() => run.cursor.close()),
      )
    }),
  )
