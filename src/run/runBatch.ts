// runBatch$: a whole batch as one stream of events, from the input requests to the last result.
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import {
  catchError,
  concat,
  concatMap,
  defaultIfEmpty,
  defer,
  EMPTY,
  finalize,
  from,
  filter,
  ignoreElements,
  map,
  merge,
  mergeMap,
  type Observable,
  of,
  Subject,
  take,
  tap,
  throwError,
} from 'rxjs'
import { isTerminalStatus } from '../codecs/BatchJobStatus.js'
import type { BatchJob } from '../codecs/BatchJob.js'
import { fromEither$ } from '../fp/either.js'
import { bodyCheck, type BodyCheck } from '../jsonl/bodyCheck.js'
import { CustomIdRegistry } from '../jsonl/customIdRegistry.js'
import { checkRequests, type CustomIdOf } from '../jsonl/preparedRequest.js'
import { RequestCursor, type RunRequests } from '../jsonl/requestCursor.js'
import type { Pricing } from '../usage/usageOptions.js'
import { UsageTally } from '../usage/usageTally.js'
import { resolveAnswerOptions } from './answerOptions.js'
import type { BatchEvent, CreatedEvent } from './BatchEvent.js'
import { cancelRunning, completedEvent, fireAndForget, followJobs$ } from './followJobs.js'
import { inputShards$, type RunShard } from './inputShards.js'
import { JobTracker } from './jobTracker.js'
import { ResultJoin } from './resultJoin.js'
import { retryRounds$ } from './retryRounds.js'
import { ATTEMPT_METADATA_KEY, attemptTag } from './retryFailed.js'
import type { RunDeps } from './runDeps.js'
import {
  resolveRunOptions,
  roundShardKey,
  type ResolvedRunOptions,
  type RunBatchOptions,
} from './runOptions.js'

/** Which round of a run a `Run` is, and what the rounds share: the jobs' snapshots and ids. */
export interface RoundOf {
  /** The attempt the round makes, from 1. */
  readonly attempt: number
  readonly tracker: JobTracker
  /** Every job of the run so far, in round and shard order (what `created` events carry). */
  readonly jobIds: string[]
  /**
   * A resumed round: the jobs it had before, by shard, taken instead of a create; every other
   * shard is first looked for by its idempotency key, in case a crash hid its create.
   */
  readonly known?: ReadonlyMap<number, BatchJob>
  /** The usage of every round's lines: each round's join adds to it (billed is billed). */
  readonly usage: UsageTally
}

/** The first round of a run of its own. */
const firstRound = (): RoundOf => ({
  attempt: 1,
  tracker: new JobTracker(),
  jobIds: [],
  usage: new UsageTally(),
})

/** What one round of a run keeps while it goes: its shards, their jobs, and the join of the results. */
export class Run<B, C> {
  readonly shards: RunShard[] = []
  readonly join: ResultJoin
  readonly tracker: JobTracker
  readonly jobIds: string[]
  readonly cursor: RequestCursor
  readonly checkBody: BodyCheck | undefined

  constructor(
    readonly deps: RunDeps<B, C>,
    readonly requests: RunRequests,
    readonly settings: ResolvedRunOptions,
    readonly allowUnknownEndpoint: boolean | undefined,
    readonly pricing: Pricing | undefined,
    readonly round: RoundOf = firstRound(),
    readonly registry = new CustomIdRegistry(),
  ) {
    this.join = new ResultJoin(registry, pricing, round.usage)
    this.tracker = round.tracker
    this.jobIds = round.jobIds
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

  /**
   * The run of the round of `attempt`, sharing this one's jobs: `requests`, whose ids are in
   * `registry`, sent with `settings`; `known` the jobs the round had before (a resumed round).
   */
  nextRound(
    requests: RunRequests,
    settings: ResolvedRunOptions,
    attempt: number,
    registry: CustomIdRegistry,
    known?: ReadonlyMap<number, BatchJob>,
  ): Run<B, C> {
    const { tracker, jobIds, usage } = this.round
    const round: RoundOf = {
      attempt,
      tracker,
      jobIds,
      usage,
      ...(known === undefined ? {} : { known }),
    }
    return new Run(
      this.deps,
      requests,
      settings,
      this.allowUnknownEndpoint,
      this.pricing,
      round,
      registry,
    )
  }

  /** The job fields of `shard`: with retries, tagged with its round in the metadata. */
  private jobFields(shard: RunShard): ResolvedRunOptions['job'] {
    const { job, retryFailed } = this.settings
    if (retryFailed === undefined) return job
    const tag = attemptTag({
      attempt: this.round.attempt,
      shard: shard.shard,
      shards: this.shards.length,
    })
    return { ...job, metadata: { ...job.metadata, [ATTEMPT_METADATA_KEY]: tag } }
  }

  private newJob$(shard: RunShard, idempotencyKey: string): Observable<BatchJob> {
    const job = this.jobFields(shard)
    return this.deps.create$(
      shard.file === undefined
        ? { ...job, requests: shard.requests ?? [] }
        : { ...job, input_files: [shard.file.id] },
      {
        idempotencyKey,
        // the bodies were checked as the input was read (or are sent unchecked on purpose)
        validateBodies: false,
        ...(this.allowUnknownEndpoint === undefined
          ? {}
          : { allowUnknownEndpoint: this.allowUnknownEndpoint }),
      },
    )
  }

  /** A resumed round's job of `shard`: the one known, or found by its key, or else a new one. */
  private resumedJob$(
    shard: RunShard,
    key: string,
    known: ReadonlyMap<number, BatchJob>,
  ): Observable<BatchJob> {
    const earlier = known.get(shard.shard)
    const found$ = earlier === undefined ? this.deps.findJob$(key).pipe(take(1)) : of(earlier)
    return found$.pipe(
      tap(() => {
        // the input just uploaded again is not needed: the job found has its own
        if (shard.file !== undefined) fireAndForget(this.deps.deleteFile$(shard.file.id))
      }),
      defaultIfEmpty(undefined),
      concatMap((job) => (job === undefined ? this.newJob$(shard, key) : of(job))),
    )
  }

  create$(shard: RunShard): Observable<CreatedEvent> {
    const { attempt, known } = this.round
    const key = roundShardKey(this.settings, attempt, shard.shard)
    const job$ =
      known === undefined ? this.newJob$(shard, key) : this.resumedJob$(shard, key, known)
    return job$.pipe(
      take(1),
      map((created): CreatedEvent => {
        shard.jobId = created.id
        this.tracker.update(shard.shard, created, attempt)
        if (!this.jobIds.includes(created.id)) this.jobIds.push(created.id)
        const jobIds = [...this.jobIds]
        return {
          type: 'created',
          attempt,
          shard: shard.shard,
          job: created,
          jobIds,
          shards: this.shards.length,
        }
      }),
    )
  }

  /** Every shard's input uploaded (file mode), or cut (inline). */
  private upload$(): Observable<BatchEvent<B, C>> {
    const knownLength = Array.isArray(this.requests) ? this.requests.length : undefined
    return inputShards$(this.deps, this.cursor, this.settings, knownLength, this.shards)
  }

  /** The files and jobs of the run undone, then `error` passed on. */
  private undone$(error: unknown): Observable<never> {
    return concat(
      this.undo$(),
      throwError(() => error),
    )
  }

  /**
   * The whole round: set up and followed. A run of more requests than `maxPendingRequests` is
   * windowed: every shard is uploaded first, as always (a bad line anywhere fails the run before
   * any job exists), then jobs are created while the requests in jobs not ended fit, and each
   * next one as soon as an earlier job ends, every job followed from its create.
   */
  run$(): Observable<BatchEvent<B, C>> {
    return concat(
      this.upload$().pipe(catchError((error: unknown) => this.undone$(error))),
      defer(() => {
        const total = this.shards.reduce((sum, shard) => sum + shard.count, 0)
        if (total <= this.settings.maxPendingRequests) {
          return concat(
            from(this.shards).pipe(
              concatMap((shard) => this.create$(shard)),
              catchError((error: unknown) => this.undone$(error)),
            ),
            this.follow$(),
          )
        }
        return this.windowed$()
      }),
    )
  }

  /** Creates and follows the shards, at most `maxPendingRequests` in jobs not ended at a time. */
  private windowed$(): Observable<BatchEvent<B, C>> {
    return defer(() => {
      const max = this.settings.maxPendingRequests
      const ended = new Subject<void>()
      let pending = 0
      const room$ = (count: number): Observable<unknown> =>
        pending + count <= max
          ? of(null)
          : ended.pipe(
              filter(() => pending + count <= max),
              take(1),
            )
      const created$ = from(this.shards).pipe(
        concatMap((shard) =>
          room$(shard.count).pipe(
            concatMap(() => {
              pending += shard.count
              return this.create$(shard).pipe(map((event) => ({ event, shard })))
            }),
          ),
        ),
        catchError((error: unknown) => this.undone$(error)),
      )
      return created$.pipe(
        mergeMap(({ event, shard }) => {
          let counted = true
          const free = () => {
            if (!counted) return
            counted = false
            pending -= shard.count
            ended.next()
          }
          return concat(
            of<BatchEvent<B, C>>(event),
            this.followShard$(shard).pipe(
              tap((followed) => {
                if (followed.type === 'progress' && isTerminalStatus(followed.job.status)) free()
              }),
              finalize(free),
            ),
          )
        }),
      )
    })
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

  follow$(): Observable<BatchEvent<B, C>> {
    return defer(() =>
      followJobs$(
        this.deps,
        this.shards.flatMap(({ shard, jobId }) =>
          jobId === undefined ? [] : [{ shard, jobId, attempt: this.round.attempt }],
        ),
        this.settings.watch,
        this.tracker,
        this.join,
      ),
    )
  }

  /** The job of one shard followed: its progress, then its results. */
  private followShard$(shard: RunShard): Observable<BatchEvent<B, C>> {
    return defer(() =>
      followJobs$(
        this.deps,
        shard.jobId === undefined
          ? []
          : [{ shard: shard.shard, jobId: shard.jobId, attempt: this.round.attempt }],
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
export const runBatch$ = <B, C>(
  deps: RunDeps<B, C>,
  requests: RunRequests,
  options: RunBatchOptions<B, C>,
): Observable<BatchEvent<B, C>> =>
  defer(() =>
    fromEither$(
      pipe(
        resolveRunOptions(options),
        E.bindTo('settings'),
        E.bind('pricing', () => resolveAnswerOptions(options, 'runBatch$')),
      ),
    ),
  ).pipe(
    concatMap(({ settings, pricing }) => {
      const run = new Run(deps, requests, settings, options.allowUnknownEndpoint, pricing)
      const checked = Array.isArray(requests)
        ? checkRequests(requests, run.registry, run.checkBody)
        : E.right(0)
      if (E.isLeft(checked)) return throwError(() => checked.left)
      if (settings.retryFailed !== undefined) {
        return retryRounds$(run, settings.retryFailed).pipe(finalize(() => run.cursor.close()))
      }
      return concat(
        run.run$(),
        defer(() => of(completedEvent(run.tracker, run.join, run.registry.count))),
      ).pipe(
        tap({ unsubscribe: () => run.onUnsubscribe() }),
        finalize(() => run.cursor.close()),
      )
    }),
  )
