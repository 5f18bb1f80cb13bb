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
import { bodyCheck, type BodyCheck } from '../jsonl/bodyCheck.js'
import { CustomIdRegistry } from '../jsonl/customIdRegistry.js'
import { checkRequests, type CustomIdOf } from '../jsonl/preparedRequest.js'
import { RequestCursor, type RunRequests } from '../jsonl/requestCursor.js'
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
  readonly checkBody: BodyCheck | undefined

  constructor(
    readonly deps: RunDeps,
    readonly requests: RunRequests,
    readonly settings: ResolvedRunOptions,
    readonly allowUnknownEndpoint: boolean | undefined,
  ) {
    // an array is checked whole (shapes, ids, bodies) before anything is sent, a stream as read
    const customIdOf: CustomIdOf = Array.isArray(requests)
      ? (index, given) => E.right(given ?? String(index))
      : (index, given) => this.registry.add(index, given)
    this.checkBody = bodyCheck(settings.job.endpoint, settings.validateBodies)
    this.cursor = new RequestCursor(
      requests,
      customIdOf,
      settings.maxFileBytes,
      Array.isArray(requests) ? undefined : this.checkBody,
    )
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
          // the bodies were checked as the input was read (or are sent unchecked on purpose)
          validateBodies: false,
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

/** `MistralBatchClient.runBatch$` on a client's context (documented there). */
export const runBatch$ = (
  deps: RunDeps,
  requests: RunRequests,
  options: RunBatchOptions,
): Observable<BatchEvent> =>
  defer(() => fromEither$(resolveRunOptions(options))).pipe(
    concatMap((settings) => {
      const run = new Run(deps, requests, settings, options.allowUnknownEndpoint)
      const checked = Array.isArray(requests)
        ? checkRequests(requests, run.registry, run.checkBody)
        : E.right(0)
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
